package io.clientele.campaign.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Coupon codes and their check character, capacity quotas, and the letters' character substitution. */
class ChannelRulesTest {
    private final CouponCodes codes = new CouponCodes();

    @Test
    void codesArePrefixEightCharactersOfTheAlphabetAndAValidCheck() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String code = codes.next("SPRING");
            assertThat(code).matches("SPRING[2-9A-HJ-NP-Z]{9}");
            assertThat(CouponCodes.wellFormed(code)).isTrue();
            seen.add(code);
        }
        assertThat(seen).hasSize(20_000);
        assertThat(CouponCodes.ALPHABET).doesNotContain("0", "O", "1", "I").hasSize(32);
    }

    @Test
    void theCheckCharacterCatchesEverySingleTypoAndAdjacentSwap() {
        for (int n = 0; n < 500; n++) {
            String code = codes.next(null);
            for (int i = 0; i < code.length(); i++) {
                for (char c : CouponCodes.ALPHABET.toCharArray()) {
                    if (c != code.charAt(i)) {
                        String typo = code.substring(0, i) + c + code.substring(i + 1);
                        assertThat(CouponCodes.wellFormed(typo)).as(typo).isFalse();
                    }
                }
            }
            for (int i = 0; i + 1 < CouponCodes.RANDOM_LENGTH; i++) {
                int a = CouponCodes.ALPHABET.indexOf(code.charAt(i));
                int b = CouponCodes.ALPHABET.indexOf(code.charAt(i + 1));
                // Luhn mod N misses one swap only, as mod 10 misses 09 ↔ 90: the first and last characters
                boolean blindSpot = Math.min(a, b) == 0 && Math.max(a, b) == 31;
                if (a != b && !blindSpot) {
                    String swapped = code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2);
                    assertThat(CouponCodes.wellFormed(swapped)).as(swapped).isFalse();
                }
            }
        }
        // the worked example: Luhn mod 32 over "23456789" (values 0..7 from the right doubled every other one)
        assertThat(CouponCodes.check("23456789")).isEqualTo(expectedCheck("23456789"));
        assertThat(CouponCodes.wellFormed("ABC")).isFalse();
        assertThat(CouponCodes.wellFormed(null)).isFalse();
        assertThat(CouponCodes.wellFormed("X0000000000")).isFalse();
    }

    /** The same algorithm written out longhand, independent of the class's loop. */
    private static char expectedCheck(String body) {
        // values 0..7; from the right: 7*2=14, 6, 5*2=10, 4, 3*2=6, 2, 1*2=2, 0 → 44; 32 - 44 % 32 = 20 → 'N'
        assertThat(body).isEqualTo("23456789");
        return 'N';
    }

    @Test
    void capacityQuotasAreProportionalNeverAboveCapacityAndExact() {
        Map<String, Integer> room = new LinkedHashMap<>();
        room.put("a", 2);
        room.put("b", 6);
        room.put("c", 0);
        assertThat(CallAssignments.quotas(room, 10))
                .containsExactly(Map.entry("a", 2), Map.entry("b", 6), Map.entry("c", 0));
        assertThat(CallAssignments.quotas(room, 4))
                .containsExactly(Map.entry("a", 1), Map.entry("b", 3), Map.entry("c", 0));
        // 5 of 8: exact shares 1.25 and 3.75 → floors 1 and 3, the larger remainder (b) takes the last call
        assertThat(CallAssignments.quotas(room, 5))
                .containsExactly(Map.entry("a", 1), Map.entry("b", 4), Map.entry("c", 0));
        Map<String, Integer> even = new LinkedHashMap<>();
        even.put("x", 3);
        even.put("y", 3);
        even.put("z", 3);
        // equal remainders go by name
        assertThat(CallAssignments.quotas(even, 2))
                .containsExactly(Map.entry("x", 1), Map.entry("y", 1), Map.entry("z", 0));
    }

    @Test
    void lettersSubstituteWhatHelveticaCannotShow() throws Exception {
        try (LetterPdf pdf = new LetterPdf(java.util.List.of("Sender"), null)) {
            assertThat(pdf.printable("Anna Müller, Café")).isEqualTo("Anna Müller, Café");
            assertThat(pdf.printable("Łukasz Őry")).isEqualTo("?ukasz Ory");
            assertThat(pdf.printable("王小明")).isEqualTo("???");
            assertThat(pdf.printable("a\tb 😀")).isEqualTo("a b ?");
        }
    }

    @Test
    void lettersSetChineseInTheWideFontEmbeddedAsASubset() throws Exception {
        // .ci/run installs Debian's fonts-wqy-microhei, the first of the fonts looked for
        Path wide = LetterPdf.wideFont("");
        assertThat(wide).as("a CJK TrueType font from " + LetterPdf.WIDE_FONTS).isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LetterPdf pdf = new LetterPdf(List.of("Clientele 市场部"), wide)) {
            assertThat(pdf.printable("王小明, Müller 😀")).isEqualTo("王小明, Müller ?");
            pdf.letter(List.of("王小明", "北京市朝阳区建国路 88 号"), "2026-12-07", "尊敬的王先生：\n欢迎试用咖啡豆 (free trial).");
            pdf.save(out);
        }
        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("王小明", "北京市朝阳区建国路 88 号", "尊敬的王先生：", "欢迎试用咖啡豆 (free trial).");
            assertThat(text).doesNotContain("?");
            PDFont embedded = null;
            for (COSName name : document.getPage(0).getResources().getFontNames()) {
                PDFont font = document.getPage(0).getResources().getFont(name);
                if (font instanceof PDType0Font) {
                    embedded = font;
                }
            }
            assertThat(embedded).isNotNull();
            assertThat(embedded.isEmbedded()).isTrue();
            // a subset: a few dozen glyphs, not the 5 MB collection
            assertThat(out.size()).isLessThan(200_000);
        }
    }
}
