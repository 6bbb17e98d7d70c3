package io.clientele.campaign.send;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through an HTTP gateway ({@code clientele.campaign.sms-gateway-url}): one POST per message of
 * {@code {"to", "text", "reference": "{step}.{customer}"}} with the bearer token. A 2xx reply means accepted; a 4xx
 * reply refuses the message for good; a 5xx reply or no connection retries it later; a request that got no answer is UNCERTAIN (the gateway may have taken it), never sent twice. The gateway reports
 * delivery back to {@code POST /api/v1/campaigns/sms/receipts} with the same reference.
 */
final class SmsGateway implements Channel {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final String token;
    private final JsonMapper json;
    private final HttpClient client;

    SmsGateway(String url, String token, JsonMapper json) {
        this.url = URI.create(url);
        this.token = token;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public Channel.Session open() {
        return new Channel.Session() {
            @Override
            public List<Delivery> send(List<OutgoingMessage> messages) {
                List<Delivery> deliveries = new ArrayList<>(messages.size());
                for (OutgoingMessage message : messages) {
                    deliveries.add(post(message));
                }
                return deliveries;
            }

            @Override
            public void close() {}
        };
    }

    private Delivery post(OutgoingMessage message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("to", message.recipient());
        body.put("text", message.text());
        body.put("reference", message.reference());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Delivery.sent(message.customerId());
            }
            String error = "gateway " + status + ": " + response.body();
            return Delivery.of(
                    message.customerId(),
                    status >= 400 && status < 500 ? Delivery.Outcome.FAILED : Delivery.Outcome.RETRY,
                    error);
        } catch (HttpConnectTimeoutException e) {
            return Delivery.of(message.customerId(), Delivery.Outcome.RETRY, "gateway unreachable: " + e);
        } catch (HttpTimeoutException e) {
            // the request went out and no answer came: the gateway may have taken it, so never again (at most once)
            return Delivery.of(message.customerId(), Delivery.Outcome.UNCERTAIN, "gateway did not answer: " + e);
        } catch (IOException e) {
            return Delivery.of(message.customerId(), Delivery.Outcome.RETRY, "gateway unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.of(message.customerId(), Delivery.Outcome.RETRY, "interrupted");
        }
    }
}
