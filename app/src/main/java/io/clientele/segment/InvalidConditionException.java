package io.clientele.segment;

/**
 * A condition that cannot be used, with where it is wrong ({@code condition.all[2].values[0]}) and why. The API
 * answers it with 400 and the page shows it beside the condition.
 */
public class InvalidConditionException extends IllegalArgumentException {
    private final String path;

    public InvalidConditionException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
