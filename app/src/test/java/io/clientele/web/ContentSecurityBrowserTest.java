package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pages run under a Content-Security-Policy whose scripts need our files or this response's nonce, and user text
 * with markup shows as text in a chart's tooltip, which ECharts renders as HTML.
 */
class ContentSecurityBrowserTest extends BrowserTestSupport {
    private static final String MARKUP = "<img src=x onerror=\"window.xss=1\"><b>bold</b>";

    @Autowired
    SavedSegments segments;

    @Autowired
    FieldRegistry fields;

    private long segment(String name, String condition) {
        return segments.create(new SavedSegments.Draft(
                        name, null, SavedSegment.Kind.DYNAMIC, ConditionJson.parse(condition, fields)))
                .segment()
                .id();
    }

    @Test
    void scriptsNeedANonceAndAMarkupNameShowsAsTextInTheChartTooltip() {
        List<String> violations = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                violations.add(message.text());
            }
        });
        signIn("admin", "demo");
        long women = segment(
                MARKUP + " women " + System.nanoTime(), "{\"field\":\"gender\",\"op\":\"eq\",\"values\":[\"F\"]}");
        long men = segment(
                MARKUP + " men " + System.nanoTime(), "{\"field\":\"gender\",\"op\":\"eq\",\"values\":[\"M\"]}");

        Response response = page.navigate(url("/segments/overlap?ids=" + women + "&ids=" + men));
        String policy = response.headerValue("content-security-policy");
        String scripts = policy.replaceAll(".*script-src ([^;]*).*", "$1");
        assertThat(scripts)
                .startsWith("'self' 'nonce-")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(response.headerValue("referrer-policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(response.headerValue("permissions-policy")).contains("camera=()");
        assertThat(page.locator("#overlap-chart")).hasAttribute("data-ready", "true");

        // an inline script without the nonce does not run
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                + " document.body.appendChild(s); }");
        assertThat(page.evaluate("() => window.injected === undefined")).isEqualTo(true);

        // the off-diagonal cell: both names in the tooltip, as text
        page.evaluate("() => echarts.getInstanceByDom(document.getElementById('overlap-chart'))"
                + ".dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 1})");
        String tooltip = (String) page.evaluate("() => [...document.querySelectorAll('#overlap-chart div')]"
                + ".map(d => d.innerText).filter(t => t.includes('∩')).pop() || ''");
        assertThat(tooltip).contains(MARKUP + " women").contains(MARKUP + " men");
        assertThat(page.evaluate("() => document.querySelectorAll('#overlap-chart img, #overlap-chart b').length"))
                .isEqualTo(0);
        assertThat(page.evaluate("() => window.xss === undefined")).isEqualTo(true);
        assertThat(violations).hasSize(1).allMatch(v -> v.contains("script-src"));

        // pages whose behaviour moved out of inline handlers still work: the menu filter submits on change
        page.navigate(url("/campaigns"));
        page.selectOption("#status", "DRAFT");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*status=DRAFT.*"));
    }
}
