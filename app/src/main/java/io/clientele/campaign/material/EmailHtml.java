package io.clientele.campaign.material;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Cleans the HTML of an email template when it is saved, with a safelist fit for email: text formatting, headings,
 * lists, tables, links to http, https and mailto addresses, and images from https addresses. Scripts, styles, event
 * handlers, {@code javascript:} addresses, frames and forms go. Placeholders are plain text to the cleaner, so they
 * survive in text and inside addresses ({@code https://shop.example/{{offer.code}}}).
 */
final class EmailHtml {
    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeProtocols("a", "href", "ftp")
            .removeProtocols("img", "src", "http")
            .addAttributes("table", "align", "border", "cellpadding", "cellspacing", "width")
            .addAttributes("td", "align", "valign", "bgcolor")
            .addAttributes("th", "align", "valign", "bgcolor")
            .addAttributes("img", "border");

    private static final Document.OutputSettings OUTPUT =
            new Document.OutputSettings().prettyPrint(false).charset("UTF-8");

    private EmailHtml() {}

    /** The cleaned HTML, and whether cleaning removed anything the author wrote. */
    record Cleaned(String html, boolean removedSomething) {}

    static Cleaned clean(String html) {
        String cleaned = Jsoup.clean(html, "", SAFELIST, OUTPUT);
        boolean removed = !new Cleaner(SAFELIST).isValidBodyHtml(html);
        return new Cleaned(cleaned, removed);
    }
}
