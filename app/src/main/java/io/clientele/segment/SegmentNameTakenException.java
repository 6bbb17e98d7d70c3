package io.clientele.segment;

/**
 * Another segment has the name (names are unique whatever their case) and a different condition or kind: the API
 * answers 409 naming {@code name}, the page shows it under the name.
 */
public class SegmentNameTakenException extends RuntimeException {
    private final String name;

    public SegmentNameTakenException(String name) {
        super("name: a segment named '" + name + "' exists with another condition");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
