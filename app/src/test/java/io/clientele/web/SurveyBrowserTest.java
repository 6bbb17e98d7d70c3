package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.clientele.survey.Survey;
import io.clientele.survey.SurveyLinks;
import io.clientele.survey.Surveys;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer whose phone speaks Chinese answers the demo's coffee trial survey from their personal link: the page is
 * in Chinese and fits the screen, a missing answer is shown under its question, and the answer is then stored once.
 */
class SurveyBrowserTest extends BrowserTestSupport {
    @Autowired
    Surveys surveys;

    @Autowired
    SurveyLinks links;

    @Test
    void aChinesePhoneAnswersTheTrialSurvey() {
        Survey trial = surveys.findByKey("coffee_trial").orElseThrow();
        long customer = jdbc.sql("insert into customer (first_name, last_name) values ('晓', :n) returning id")
                .param("n", "王" + UUID.randomUUID().toString().substring(0, 4))
                .query(Long.class)
                .single();
        Browser browser = page.context().browser();
        try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setViewportSize(390, 844)
                .setDeviceScaleFactor(3)
                .setIsMobile(true)
                .setHasTouch(true))) {
            Page mobile = phone.newPage();
            mobile.setDefaultTimeout(15_000);
            mobile.navigate(url(links.path(trial, customer)));

            assertThat(mobile.locator("h1")).hasText("您的咖啡豆试用");
            assertThat(mobile.locator("[data-question=trial_rating] legend")).containsText("您如何评价试用的咖啡豆？");
            assertThat(mobile.locator("[data-testid=submit-survey]")).hasText("提交我的回答");
            Object fits = mobile.evaluate("document.documentElement.scrollWidth <= window.innerWidth");
            org.assertj.core.api.Assertions.assertThat(fits)
                    .as("no sideways scrolling")
                    .isEqualTo(true);

            // the rating given, the required aspects forgotten
            mobile.click("label[for='q.trial_rating.4']");
            mobile.click("[data-testid=submit-survey]");
            assertThat(mobile.locator("[data-testid=survey-errors]")).containsText("与您的期望相比，这些咖啡豆怎么样？");
            assertThat(mobile.locator("[id='beans.taste.perceived-error']")).hasText("请回答此问题。");
            assertThat(mobile.locator("input[name='q.trial_rating'][value='4']"))
                    .isChecked();

            for (String aspect : new String[] {"taste", "aroma", "freshness", "price"}) {
                mobile.selectOption("[name='q.beans." + aspect + ".perceived']", "4");
                mobile.selectOption("[name='q.beans." + aspect + ".expected']", "4");
            }
            mobile.fill("[name='q.comment']", "香气很好，但有点苦。");
            mobile.click("[data-testid=submit-survey]");
            assertThat(mobile.locator("[data-testid=survey-page]")).hasAttribute("data-state", "THANKS");
            assertThat(mobile.locator("h1")).hasText("谢谢！");
            assertThat(mobile.locator("main")).containsText("您的回答帮助我们挑选下一批咖啡豆。");
        }
        var stored = jdbc.sql("""
                        select r.language, count(a.*) as answers from survey_response r
                        join survey_response_answer a on a.response_id = r.id
                        where r.customer_id = :c group by r.language""").param("c", customer).query().singleRow();
        org.assertj.core.api.Assertions.assertThat(stored)
                .containsEntry("language", "zh")
                .containsEntry("answers", 6L);
    }
}
