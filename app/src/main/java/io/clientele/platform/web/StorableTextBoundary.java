package io.clientele.platform.web;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The one input boundary for text PostgreSQL cannot store ({@link StorableText}): every request parameter — query
 * string, form field, multipart text part, names as well as values — and every name and string of a JSON body is
 * checked before a controller sees it. The first bad one is refused as {@link InvalidInputException}, a 400 that
 * names every field at fault (a JSON field by its path, {@code steps[2].name}), and nothing is stored. Files inside multipart
 * requests are the importers' to check, row by row.
 */
@ControllerAdvice
class StorableTextBoundary extends RequestBodyAdviceAdapter implements HandlerInterceptor {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = StorableText.shown(parameter.getKey());
            FieldProblem problem = StorableText.problem(name, parameter.getKey());
            for (String value : parameter.getValue()) {
                if (problem == null) {
                    problem = StorableText.problem(name, value);
                }
            }
            add(problems, problem);
        }
        refuse(problems);
        return true;
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage message,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        MediaType type = message.getHeaders().getContentType();
        if (type == null
                || !(type.isCompatibleWith(MediaType.APPLICATION_JSON)
                        || type.getSubtype().endsWith("+json"))) {
            return message;
        }
        byte[] body = message.getBody().readAllBytes();
        check(body);
        HttpHeaders headers = message.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /** Walks the JSON's tokens; malformed JSON is left to the converter, which reports it as it always has. */
    static void check(byte[] json) {
        List<FieldProblem> problems = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.PROPERTY_NAME || token == JsonToken.VALUE_STRING) {
                    add(problems, StorableText.problem(path(parser.streamReadContext()), parser.getString()));
                }
            }
        } catch (JacksonException malformed) {
            // not ours to report
        }
        refuse(problems);
    }

    /** Every field at fault is reported at once, each once (a name and its value may both be at fault). */
    private static void add(List<FieldProblem> problems, @Nullable FieldProblem problem) {
        if (problem != null && problems.stream().noneMatch(p -> p.field().equals(problem.field()))) {
            problems.add(problem);
        }
    }

    private static void refuse(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** The field's path as the API documents fields: {@code name}, {@code steps[2].name}, {@code [0]}. */
    private static String path(TokenStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.push("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            } else if (at.currentName() != null) {
                parts.push((at.getParent().inRoot() ? "" : ".") + StorableText.shown(at.currentName()));
            }
        }
        return parts.isEmpty() ? "body" : String.join("", parts);
    }
}
