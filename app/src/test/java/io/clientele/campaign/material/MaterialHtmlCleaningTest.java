package io.clientele.campaign.material;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaterialHtmlCleaningTest {
    @Test
    void keepsFormattingTablesLinksAndPlaceholders() {
        String html = "<h1>Hi {{first_name|friend}}</h1><p><b>Bold</b> <em>it</em></p>"
                + "<table><tr><td align=\"center\">{{offer.description}}</td></tr></table>"
                + "<p><a href=\"https://shop.example/{{offer.code}}\">Shop</a> "
                + "<a href=\"mailto:help@shop.example\">Mail</a></p>"
                + "<img src=\"https://shop.example/logo.png\" alt=\"Logo\">";

        EmailHtml.Cleaned cleaned = EmailHtml.clean(html);

        assertThat(cleaned.removedSomething()).isFalse();
        assertThat(cleaned.html())
                .contains("Hi {{first_name|friend}}")
                .contains("href=\"https://shop.example/{{offer.code}}\"")
                .contains("<td align=\"center\">{{offer.description}}</td>")
                .contains("mailto:help@shop.example")
                .contains("src=\"https://shop.example/logo.png\"");
        assertThat(MergeTemplate.check("htmlBody", cleaned.html())).isEmpty();
    }

    @Test
    void keepsALinkWhoseAddressIsASurveyLinkAndNothingAroundIt() {
        EmailHtml.Cleaned kept = EmailHtml.clean("<a href=\"{{survey_link.coffee_trial}}\">Answer</a>");
        assertThat(kept.removedSomething()).isFalse();
        assertThat(kept.html()).contains("href=\"{{survey_link.coffee_trial}}\"");
        assertThat(EmailHtml.clean("<a href=\"{{survey_link.x}}javascript:alert(1)\">x</a>")
                        .html())
                .doesNotContain("href");
        assertThat(EmailHtml.clean("<a href=\"{{first_name}}\">x</a>").html()).doesNotContain("href");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            script          | <p>Hi</p><script>alert(1)</script>                        | script
            event handler   | <p onclick="alert(1)">Hi</p>                               | onclick
            javascript link | <a href="javascript:alert(1)">Hi</a>                       | javascript
            iframe          | <iframe src="https://evil.example"></iframe><p>Hi</p>      | iframe
            form            | <form action="https://evil.example"><input name=x></form>  | form
            inline style    | <p style="background:url(https://t.example/x)">Hi</p>      | style
            style element   | <style>p{color:red}</style><p>Hi</p>                        | color
            http image      | <img src="http://shop.example/a.png"><p>Hi</p>             | http:
            data image      | <img src="data:image/png;base64,AAAA"><p>Hi</p>            | data:
            svg             | <svg onload="alert(1)"></svg><p>Hi</p>                     | svg
            """)
    void removesWhatCouldRunOrTrackAndSaysSo(String example, String html, String gone) {
        EmailHtml.Cleaned cleaned = EmailHtml.clean(html);

        assertThat(cleaned.removedSomething()).isTrue();
        assertThat(cleaned.html()).doesNotContain(gone);
    }
}
