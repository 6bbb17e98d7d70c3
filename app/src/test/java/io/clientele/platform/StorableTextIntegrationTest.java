package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text PostgreSQL cannot store — a NUL character, a lone UTF-16 surrogate — is a 400 that names the field in every
 * way input arrives (JSON field, query parameter, form field), never a 500 or a silent "?" (imports: see
 * ImportIntegrationTest).
 */
class StorableTextIntegrationTest extends ApplicationTestSupport {
    @Autowired
    ApiTokens tokens;

    @Autowired
    JsonMapper json;

    private String token() {
        return tokens.issue("storable text test", EnumSet.of(ApiScope.CUSTOMERS_READ, ApiScope.CUSTOMERS_WRITE), "test")
                .secret();
    }

    private long customers(String lastName) {
        return jdbc.sql("select count(*) from customer where last_name like :name")
                .param("name", lastName + "%")
                .query(Long.class)
                .single();
    }

    @Test
    void aNulOrALoneSurrogateInAJsonFieldIsA400NamingItsPathAndNothingIsStored() throws Exception {
        HttpResponse<String> nul = api(
                token(),
                "POST",
                "/api/v1/customers",
                "{\"lastName\":\"Nul\\u0000Probe\",\"email\":\"nul.probe@clientele.test\"}");
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        JsonNode problem = json.readTree(nul.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("lastName");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("validation.nul");

        HttpResponse<String> surrogate = api(
                token(),
                "POST",
                "/api/v1/customers",
                "{\"lastName\":\"SurrogateProbe\",\"customAttributes\":{\"note\":\"a\\ud800b\"}}");
        assertThat(surrogate.statusCode()).as(surrogate.body()).isEqualTo(400);
        JsonNode second = json.readTree(surrogate.body()).get("errors").get(0);
        assertThat(second.get("field").asString()).isEqualTo("customAttributes.note");
        assertThat(second.get("code").asString()).isEqualTo("validation.surrogate");
        assertThat(second.get("message").asString()).contains("U+D800");

        assertThat(customers("Nul")).isZero();
        assertThat(customers("SurrogateProbe")).isZero();
        // a pair that makes one character outside the BMP is text like any other
        HttpResponse<String> emoji =
                api(token(), "POST", "/api/v1/customers", "{\"lastName\":\"EmojiProbe \\ud83d\\ude00\"}");
        assertThat(emoji.statusCode()).as(emoji.body()).isEqualTo(201);
        assertThat(jdbc.sql("select last_name from customer where last_name like 'EmojiProbe%'")
                        .query(String.class)
                        .single())
                .isEqualTo("EmojiProbe 😀");
    }

    @Test
    void aNulInAQueryParameterOrAFormFieldIsA400NamingIt() throws Exception {
        HttpResponse<String> query = api(token(), "GET", "/api/v1/customers?q=a%00b", null);
        assertThat(query.statusCode()).as(query.body()).isEqualTo(400);
        assertThat(json.readTree(query.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("q");

        Session session = session();
        session.signIn("admin", "demo");
        HttpResponse<String> form =
                session.postForm("/customers/new", "/customers", "lastName=Form%00Probe&firstName=Nul");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("lastName");
        assertThat(customers("Form")).isZero();
    }
}
