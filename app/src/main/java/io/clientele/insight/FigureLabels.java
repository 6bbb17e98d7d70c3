package io.clientele.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A drill-down's filter in words of the viewer's language, one "field: value" per filter field, each value by its
 * name in the bundles ({@code ${@figureLabels.of(filter)}} on the page, and the default name of what is made of it).
 */
@Component("figureLabels")
public class FigureLabels {
    /** The bundle prefix of each field whose values are names of a list; other values are shown as they are. */
    private static final Map<String, String> VALUE_NAMES =
            Map.of("matrix", "matrix.", "fromMatrix", "matrix.", "segment", "segment.", "clvBand", "clvband.");

    private final MessageSource messages;

    FigureLabels(MessageSource messages) {
        this.messages = messages;
    }

    public List<String> of(ScoredCustomers.Filter filter) {
        List<String> labels = new ArrayList<>();
        filter.parameters().forEach((key, value) -> {
            String prefix = value instanceof Boolean ? "insight.filter." : VALUE_NAMES.get(key);
            String shown = prefix == null ? String.valueOf(value) : message(prefix + value);
            labels.add(message("insight.filter." + key) + ": " + shown);
        });
        return labels;
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
