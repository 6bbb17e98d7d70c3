package io.clientele.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A survey answered through the survey feature reaches the table journeys decide on, rating included. */
class SurveyAnswerFeedIntegrationTest extends ApplicationTestSupport {
    @Autowired
    ApiTokens tokens;

    @Test
    void anAnswerReachesTheJourneysAnswersWithItsRating() throws Exception {
        String token = tokens.issue("survey feed test", EnumSet.allOf(ApiScope.class), "test")
                .secret();
        long survey = jdbc.sql("select id from survey where key = 'product_improvement'")
                .query(Long.class)
                .single();
        long customer = jdbc.sql(
                        "insert into customer (first_name, last_name, email) values ('Feed', :n, :e) returning id")
                .param("n", UUID.randomUUID().toString())
                .param("e", UUID.randomUUID() + "@example.com")
                .query(Long.class)
                .single();

        HttpResponse<String> answered = api(
                token,
                "POST",
                "/api/v1/surveys/" + survey + "/responses",
                "{\"customerId\": %d, \"answers\": {\"recommend\": 9, \"idea\": \"more decaf\"}}".formatted(customer));

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        assertThat(jdbc.sql("""
                        select question || '=' || coalesce(rating::text, '-') from journey_survey_answer
                        where survey_id = :s and customer_id = :c order by question""")
                        .param("s", survey)
                        .param("c", customer)
                        .query(String.class)
                        .list())
                .isEqualTo(List.of("idea=-", "recommend=9"));
    }
}
