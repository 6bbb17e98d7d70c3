package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile values in every parameter and field of every operation of the OpenAPI document, and in every query
 * parameter of every page: a NUL, a lone surrogate, markup, SQL, a 100,000-character text, a negative and an
 * enormous number. No answer may be a 5xx, and no page may echo the markup unescaped. Operations and pages are
 * found at run time, so an endpoint added later is covered without a test of its own. Requests that would
 * otherwise name a record name one that does not exist, so that nothing is changed by accident; what a hostile
 * value can still create (a customer whose card number is "-1") is why this class runs after the others.
 */
@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
class HostileInputSuiteIntegrationTest extends ApplicationTestSupport {
    private static final String MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    private static final String NO_SUCH_ID = "987654321";
    /**
     * The server's limit on a request line and its headers (Tomcat's default, stated in docs/api.md). Above it the
     * connector answers 400 and closes; when the client is still sending, the close can reset the connection before
     * the 400 is read, so there a closed connection is an accepted refusal too.
     */
    private static final int REQUEST_LINE_LIMIT = 8 * 1024;
    /** Each hostile value as a query or path text (already percent-encoded) and as a JSON literal. */
    private static final List<Hostile> VALUES = List.of(
            new Hostile("a%00b", "\"a\\u0000b\""),
            new Hostile("%ED%A0%80", "\"\\ud800\""),
            new Hostile(encode(MARKUP), json(MARKUP)),
            new Hostile(encode("' or '1'='1"), json("' or '1'='1")),
            new Hostile("x".repeat(100_000), json("x".repeat(100_000))),
            new Hostile("-1", "-1"),
            new Hostile("99999999999999999999999999", "1e400"));

    private record Hostile(String inUrl, String inJson) {}

    @Autowired
    ApiTokens tokens;

    @Autowired
    JsonMapper mapper;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> failures = new ArrayList<>();
    private int cases;

    @Test
    void noHostileValueGetsA5xxOrAnUnescapedEcho() throws Exception {
        String token = tokens.issue("hostile input suite", EnumSet.allOf(ApiScope.class), "test")
                .secret();
        JsonNode document = mapper.readTree(session().get("/v3/api-docs").body());
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations++;
                apiOperation(token, document, operation.getKey().toUpperCase(), path.getKey(), operation.getValue());
            }
        }
        Session admin = session();
        admin.signIn("admin", "demo");
        int pages = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
                mappings.getHandlerMethods().entrySet()) {
            if (pageRoute(mapping.getKey())) {
                pages++;
                page(admin, mapping.getKey().getPatternValues().iterator().next(), mapping.getValue());
            }
        }
        System.out.printf(
                "hostile input suite: %d API operations, %d page routes, %d cases%n", operations, pages, cases);
        assertThat(operations).isGreaterThan(50);
        assertThat(failures).as(cases + " cases").isEmpty();
    }

    private void apiOperation(String token, JsonNode document, String method, String path, JsonNode operation)
            throws Exception {
        List<String> pathVariables = new ArrayList<>();
        List<String> queryParameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String in = parameter.get("in").asString();
            if (in.equals("path")) {
                pathVariables.add(parameter.get("name").asString());
            } else if (in.equals("query")) {
                queryParameters.add(parameter.get("name").asString());
            }
        }
        List<String> fields = bodyFields(document, operation);
        boolean hasBody = !operation.path("requestBody").isMissingNode();
        for (Hostile value : VALUES) {
            for (String variable : pathVariables) {
                send(token, method, url(path, pathVariables, variable, value, null, value), hasBody ? "{}" : null);
            }
            for (String parameter : queryParameters) {
                send(token, method, url(path, pathVariables, null, value, parameter, value), hasBody ? "{}" : null);
            }
            if (hasBody) {
                String url = url(path, pathVariables, null, value, null, value);
                send(token, method, url, value.inJson());
                for (String field : fields) {
                    send(token, method, url, "{\"" + field + "\": " + value.inJson() + "}");
                }
            }
        }
    }

    /** The path with its variables filled (the hostile value in one, a record that does not exist elsewhere). */
    private static String url(
            String path,
            List<String> variables,
            String hostileVariable,
            Hostile value,
            String hostileParameter,
            Hostile parameterValue) {
        String url = path;
        for (String variable : variables) {
            url = url.replace("{" + variable + "}", variable.equals(hostileVariable) ? value.inUrl() : NO_SUCH_ID);
        }
        return hostileParameter == null ? url : url + "?" + hostileParameter + "=" + parameterValue.inUrl();
    }

    private void send(String token, String method, String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(url)))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        check(method + " " + shorten(url) + (body == null ? "" : " " + shorten(body)), url.length(), request);
    }

    /** A page's query parameters, each hostile in turn, path variables naming record 1. */
    private void page(Session admin, String pattern, HandlerMethod handler) throws Exception {
        String path = pattern.replaceAll("\\{[^}:]+(:[^}]*)?}", "1");
        for (Parameter parameter : handler.getMethod().getParameters()) {
            RequestParam param = parameter.getAnnotation(RequestParam.class);
            if (param == null) {
                continue;
            }
            String name = !param.name().isEmpty()
                    ? param.name()
                    : !param.value().isEmpty() ? param.value() : parameter.getName();
            for (Hostile value : VALUES) {
                HttpRequest.Builder request = HttpRequest.newBuilder(
                                URI.create(url(path + "?" + name + "=" + value.inUrl())))
                        .timeout(Duration.ofSeconds(60))
                        .GET();
                HttpResponse<String> response = admin.send(request);
                cases++;
                judge("GET " + shorten(path + "?" + name + "=" + value.inUrl()), response);
            }
        }
    }

    private static boolean pageRoute(RequestMappingInfo info) {
        if (info.getPathPatternsCondition() == null) {
            return false;
        }
        String pattern = info.getPatternValues().iterator().next();
        var methods = info.getMethodsCondition().getMethods();
        return !pattern.startsWith("/api/")
                && !pattern.startsWith("/v3/")
                && !pattern.startsWith("/swagger")
                && !pattern.startsWith("/error")
                && (methods.isEmpty() || methods.contains(RequestMethod.GET));
    }

    private void check(String name, int urlLength, HttpRequest.Builder request) {
        cases++;
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (urlLength > REQUEST_LINE_LIMIT && response.statusCode() != 400) {
                failures.add(name + ": " + response.statusCode() + " for a request line over the limit");
            }
            judge(name, response);
        } catch (java.io.IOException e) {
            if (urlLength <= REQUEST_LINE_LIMIT) {
                failures.add(name + ": " + e);
            }
        } catch (Exception e) {
            failures.add(name + ": " + e);
        }
    }

    private void judge(String name, HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            failures.add(name + ": " + response.statusCode() + " " + shorten(response.body()));
        }
        boolean html = response.headers().firstValue("Content-Type").orElse("").startsWith("text/html");
        if (html
                && (response.body().contains("<script>alert(1)")
                        || response.body().contains("<img src=x onerror"))) {
            failures.add(name + ": markup echoed unescaped");
        }
    }

    /** The top-level properties of the operation's JSON body, when its schema names them. */
    private static List<String> bodyFields(JsonNode document, JsonNode operation) {
        JsonNode schema = operation
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty()) {
            schema = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(e -> properties.put(e.getKey(), e.getValue()));
        return new ArrayList<>(properties.keySet());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String shorten(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }
}
