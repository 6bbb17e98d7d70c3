package io.clientele.campaign.channel;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Print-ready letters, one A4 page each (more when a letter is longer than a page): the sender at the top, the
 * recipient's address where a window envelope shows it (DIN 5008: 20 mm from the left, 45 mm from the top), the
 * date, and the letter wrapped to the page. The PDF's content goes to a scratch file as pages are added, so a long
 * run does not hold every page's text in memory.
 *
 * <p>Text is set in Helvetica, one of the standard fonts every PDF reader has, which covers the Windows Latin-1
 * characters only. A character it cannot show is written without its accents when that helps ("ő" → "o") and as
 * "?" otherwise (Chinese names, for instance): the letter is still printed, and the CSV export keeps the exact text.
 */
final class LetterPdf implements Closeable {
    private static final float MM = 72f / 25.4f;
    private static final float LEFT = 20 * MM;
    private static final float TEXT_WIDTH = 170 * MM;
    private static final float BODY_SIZE = 11;
    private static final float LEADING = 14.5f;

    private final PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
    private final PDFont font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    /** Per BMP character: 0 not yet known, 1 the font shows it, 2 it does not. */
    private final byte[] shows = new byte[Character.MAX_VALUE + 1];

    private final List<String> sender;
    private final String senderLine;

    LetterPdf(List<String> sender) {
        this.sender = sender.stream().map(this::printable).toList();
        this.senderLine = String.join(" · ", this.sender);
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
            write(out, font, 7, LEFT, top - 47 * MM, senderLine);
            y = top - 55 * MM;
            for (String line : recipient) {
                if (!line.isBlank()) {
                    write(out, font, BODY_SIZE, LEFT, y, printable(line));
                    y -= LEADING;
                }
            }
            write(out, font, BODY_SIZE, 125 * MM, top - 98 * MM, printable(date));
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
                    write(out, font, BODY_SIZE, LEFT, y, line);
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
        document.close();
    }

    private static void write(PDPageContentStream out, PDFont font, float size, float x, float y, String text)
            throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(text);
        out.endText();
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
        return font.getStringWidth(text) / 1000 * BODY_SIZE;
    }

    /** The text with what Helvetica cannot show replaced: accents dropped where that helps, "?" otherwise. */
    String printable(String text) {
        String flat = text.replace('\t', ' ').replace("\r", "");
        StringBuilder out = new StringBuilder(flat.length());
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if (c == '\n' || shows(c)) {
                out.append(c);
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < flat.length()) {
                i++;
            }
            String plain =
                    Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            out.append(!plain.isEmpty() && plain.chars().allMatch(p -> shows((char) p)) ? plain : "?");
        }
        return out.toString();
    }

    private boolean shows(char c) {
        if (shows[c] == 0) {
            boolean ok;
            try {
                ok = !Character.isISOControl(c)
                        && !Character.isSurrogate(c)
                        && font.encode(String.valueOf(c)).length > 0;
            } catch (IllegalArgumentException | IOException e) {
                ok = false;
            }
            shows[c] = (byte) (ok ? 1 : 2);
        }
        return shows[c] == 1;
    }
}
