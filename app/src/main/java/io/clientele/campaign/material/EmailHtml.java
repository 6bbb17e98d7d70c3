package io.clientele.campaign.material;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Cleans the HTML of an email template when it is saved, with a safelist fit for email: text formatting, headings,
 * lists, tables, links to http, https and mailto addresses, and images from https addresses. Scripts, styles, event
 * handlers, {@code javascript:} addresses, frames and forms go. Placeholders are plain text to the cleaner, so they
 * survive in text and inside addresses ({@code https://shop.example/{{offer.code}}}); a link whose address is a
 * survey link ({@code href="{{survey_link.coffee_trial}}"}) or an event invitation's registration link
 * ({@code href="{{event_link}}"}) is kept, since it renders to an https address.
 */
final class EmailHtml {
    // a link whose whole address is a survey or registration link placeholder: rendered to the customer's https address
    private static final Pattern PERSONAL_LINK_HREF =
            Pattern.compile("\\{\\{\\s*(survey_link\\.[a-z][a-z0-9_]{0,39}|event_link)\\s*(\\|[^{}]*)?}}");

    private static final Safelist SAFELIST =
            new Safelist(Safelist.relaxed()
                    .removeProtocols("a", "href", "ftp")
                    .removeProtocols("img", "src", "http")
                    .addAttributes("table", "align", "border", "cellpadding", "cellspacing", "width")
                    .addAttributes("td", "align", "valign", "bgcolor")
                    .addAttributes("th", "align", "valign", "bgcolor")
                    .addAttributes("img", "border")) {
                @Override
                public boolean isSafeAttribute(String tagName, Element element, Attribute attribute) {
                    return super.isSafeAttribute(tagName, element, attribute)
                            || (tagName.equals("a")
                                    && attribute.getKey().equals("href")
                                    && PERSONAL_LINK_HREF
                                            .matcher(attribute.getValue())
                                            .matches());
                }
            };

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
