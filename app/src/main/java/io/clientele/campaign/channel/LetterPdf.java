package io.clientele.campaign.channel;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

/**
 * Print-ready letters, one A4 page each (more when a letter is longer than a page): the sender at the top, the
 * recipient's address where a window envelope shows it (DIN 5008: 20 mm from the left, 45 mm from the top), the
 * date, and the letter wrapped to the page. The PDF's content goes to a scratch file as pages are added, so a long
 * run does not hold every page's text in memory.
 *
 * <p>Text is set in Helvetica, one of the standard fonts every PDF reader has, which covers the Windows Latin-1
 * characters only; what Helvetica cannot show — Chinese above all — is set in the <em>wide font</em>, a TrueType
 * font or collection on this machine (Debian's {@code fonts-wqy-microhei} by default, see {@link #WIDE_FONTS}),
 * embedded as a subset of the glyphs used. A character neither shows is written without its accents when that helps
 * ("ő" → "o") and as "?" otherwise: the letter is still printed, and the CSV export keeps the exact text.
 */
final class LetterPdf implements Closeable {
    private static final float MM = 72f / 25.4f;
    private static final float LEFT = 20 * MM;
    private static final float TEXT_WIDTH = 170 * MM;
    private static final float BODY_SIZE = 11;
    private static final float LEADING = 14.5f;
    /** Where the wide font is looked for when none is configured: Debian's packaged CJK TrueType fonts. */
    static final List<Path> WIDE_FONTS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));

    private final PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
    private final PDFont helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    /** The file the wide font is read from, open until the document is saved (subsetting reads its glyphs). */
    private final @Nullable Closeable wideFile;

    private final @Nullable PDFont wide;
    private final @Nullable CmapLookup wideGlyphs;
    /** Per BMP character: 0 not yet known, 1 Helvetica shows it, 2 only the wide font does, 3 neither. */
    private final byte[] shows = new byte[Character.MAX_VALUE + 1];

    private final List<String> sender;
    private final String senderLine;

    /** Letters from the sender, with the wide font from that file (a .ttf or .ttc; null: Helvetica only). */
    LetterPdf(List<String> sender, @Nullable Path wideFont) throws IOException {
        TrueTypeFont ttf = null;
        if (wideFont == null) {
            wideFile = null;
        } else if (wideFont.toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(wideFont.toFile());
            wideFile = collection;
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(font -> {
                if (first[0] == null) {
                    first[0] = font;
                }
            });
            ttf = first[0];
        } else {
            ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(wideFont.toFile()));
            wideFile = ttf;
        }
        wide = ttf == null ? null : PDType0Font.load(document, ttf, true);
        wideGlyphs = ttf == null ? null : ttf.getUnicodeCmapLookup();
        this.sender = sender.stream().map(this::printable).toList();
        this.senderLine = String.join(" · ", this.sender);
    }

    /** The configured wide font if given, else the first of {@link #WIDE_FONTS} on this machine, else none. */
    static @Nullable Path wideFont(String configured) {
        if (!configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isReadable(path)) {
                throw new IllegalStateException("clientele.campaign.letter-font: cannot read " + path);
            }
            return path;
        }
        return WIDE_FONTS.stream().filter(Files::isReadable).findFirst().orElse(null);
    }

    /** Adds one letter. */
    void letter(List<String> recipient, String date, String body) throws IOException {
        float top = PDRectangle.A4.getHeight();
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        PDPageContentStream out = new PDPageContentStream(document, page);
        try {
            float y = top - 20 * MM;
            for (String line : sender) {
                write(out, bold, 9, 125 * MM, y, line);
                y -= 11;
            }
            // the return address above the window, then the recipient inside it
            write(out, helvetica, 7, LEFT, top - 47 * MM, senderLine);
            y = top - 55 * MM;
            for (String line : recipient) {
                if (!line.isBlank()) {
                    write(out, helvetica, BODY_SIZE, LEFT, y, printable(line));
                    y -= LEADING;
                }
            }
            write(out, helvetica, BODY_SIZE, 125 * MM, top - 98 * MM, printable(date));
            y = top - 110 * MM;
            for (String line : wrap(printable(body))) {
                if (y < 25 * MM) {
                    out.close();
                    page = new PDPage(PDRectangle.A4);
                    document.addPage(page);
                    out = new PDPageContentStream(document, page);
                    y = top - 25 * MM;
                }
                if (!line.isEmpty()) {
                    write(out, helvetica, BODY_SIZE, LEFT, y, line);
                }
                y -= LEADING;
            }
        } finally {
            out.close();
        }
    }

    void save(OutputStream out) throws IOException {
        document.save(out);
    }

    @Override
    public void close() throws IOException {
        try {
            document.close();
        } finally {
            if (wideFile != null) {
                wideFile.close();
            }
        }
    }

    /** A printable line at (x, y): in the given Latin font, its stretches Helvetica cannot show in the wide font. */
    private void write(PDPageContentStream out, PDFont latin, float size, float x, float y, String text)
            throws IOException {
        out.beginText();
        out.newLineAtOffset(x, y);
        for (Run run : runs(latin, text)) {
            out.setFont(run.font(), size);
            out.showText(run.text());
        }
        out.endText();
    }

    /** A stretch of a line set in one font. */
    private record Run(PDFont font, String text) {}

    private List<Run> runs(PDFont latin, String text) {
        List<Run> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || inWide(text.charAt(i)) != inWide(text.charAt(start))) {
                runs.add(new Run(inWide(text.charAt(start)) ? wideFont() : latin, text.substring(start, i)));
                start = i;
            }
        }
        return runs;
    }

    private boolean inWide(char c) {
        return shows(c) == 2;
    }

    private PDFont wideFont() {
        if (wide == null) {
            throw new IllegalStateException("no wide font, yet a character was kept for it");
        }
        return wide;
    }

    /** The body's paragraphs wrapped at the text width; a word longer than a line is cut. */
    private List<String> wrap(String body) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : body.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split(" +")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate) <= TEXT_WIDTH) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                while (width(word) > TEXT_WIDTH) {
                    int cut = word.length() - 1;
                    while (cut > 1 && width(word.substring(0, cut)) > TEXT_WIDTH) {
                        cut--;
                    }
                    lines.add(word.substring(0, cut));
                    word = word.substring(cut);
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private float width(String text) throws IOException {
        float width = 0;
        for (Run run : runs(helvetica, text)) {
            width += run.font().getStringWidth(run.text());
        }
        return width / 1000 * BODY_SIZE;
    }

    /** The text with what neither font can show replaced: accents dropped where that helps, "?" otherwise. */
    String printable(String text) {
        String flat = text.replace('\t', ' ').replace("\r", "");
        StringBuilder out = new StringBuilder(flat.length());
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if (c == '\n' || shows(c) != 3) {
                out.append(c);
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < flat.length()) {
                i++;
            }
            String plain =
                    Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            out.append(!plain.isEmpty() && plain.chars().allMatch(p -> shows((char) p) != 3) ? plain : "?");
        }
        return out.toString();
    }

    /** 1 Helvetica shows the character, 2 only the wide font does, 3 neither (characters outside the BMP: 3). */
    private byte shows(char c) {
        if (shows[c] == 0) {
            shows[c] = Character.isISOControl(c) || Character.isSurrogate(c)
                    ? 3
                    : helveticaShows(c) ? 1 : wideGlyphs != null && wideGlyphs.getGlyphId(c) > 0 ? (byte) 2 : 3;
        }
        return shows[c];
    }

    private boolean helveticaShows(char c) {
        try {
            return helvetica.encode(String.valueOf(c)).length > 0;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
