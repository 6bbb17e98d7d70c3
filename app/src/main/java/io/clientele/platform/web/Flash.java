package io.clientele.platform.web;

import java.util.List;

/** A message for the page after a redirect (post-redirect-get): a message key and its arguments. */
public record Flash(String key, List<Object> args) {
    public static final String ATTRIBUTE = "flash";

    public static Flash of(String key, Object... args) {
        return new Flash(key, List.of(args));
    }
}
