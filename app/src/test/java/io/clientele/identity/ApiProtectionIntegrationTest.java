package io.clientele.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rate limits per API token, and addresses that send unknown tokens. */
class ApiProtectionIntegrationTest extends ApplicationTestSupport {
    private static final Set<ApiScope> READ = EnumSet.of(ApiScope.CUSTOMERS_READ);

    @Autowired
    ApiTokens tokens;

    @Autowired
    TestClock clock;

    @AfterEach
    void forgetFailures() {
        clock.reset();
        jdbc.sql("delete from login_throttle").update();
    }

    @Test
    void aTokenOverItsBudgetIsAnswered429WithRetryAfterAndOtherTokensGoOn() throws Exception {
        String limited = tokens.issue("five a minute", READ, 5, "admin").secret();
        for (int i = 0; i < 5; i++) {
            assertThat(api(limited, "GET", "/api/v1/customers?size=1", null).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> refused = api(limited, "GET", "/api/v1/customers?size=1", null);
        assertThat(refused.statusCode()).isEqualTo(429);
        // five a minute: one every twelve seconds
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1L, 12L));
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(refused.body()).contains("\"status\":429").contains("budget of 5 requests a minute");

        String other = tokens.issue("default budget", READ, "admin").secret();
        assertThat(api(other, "GET", "/api/v1/customers?size=1", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBudgetOutsideItsRangeIsRefusedWhenTheTokenIsIssued() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.issue("none", READ, 0, "admin"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAddressSendingUnknownTokensIsThrottledAndAudited() throws Exception {
        String address = "198.51.100.30";
        for (int i = 0; i < 19; i++) {
            assertThat(unknownToken(address).statusCode()).isEqualTo(401);
        }
        // the twentieth uses up the address's free failures: its answer already says to wait
        HttpResponse<String> throttled = unknownToken(address);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        // another address is not held up
        assertThat(unknownToken("198.51.100.31").statusCode()).isEqualTo(401);
        long failures =
                jdbc.sql("""
                        select count(*) from audit_event
                        where action = 'login.failed' and entity = 'address' and entity_id = :address""").param("address", address).query(Long.class).single();
        assertThat(failures).isEqualTo(20);
    }

    private HttpResponse<String> unknownToken(String address) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/api/v1/customers?size=1")))
                                .header("Authorization", "Bearer clt_not-a-token")
                                .header("X-Forwarded-For", address)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
