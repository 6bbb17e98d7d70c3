package io.clientele.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of a list: the items, the zero-based page number, the page size and the total count; in JSON also the
 * number of pages and whether there are pages before and after.
 */
public record PageResult<T>(List<T> items, int page, int size, long total) {
    @JsonProperty
    public int totalPages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    @JsonProperty
    public boolean hasPrevious() {
        return page > 0;
    }

    @JsonProperty
    public boolean hasNext() {
        return page + 1 < totalPages();
    }

    /** The largest page size most lists allow; some allow more, as their API documents. */
    public static final int MAX_SIZE = 200;

    /**
     * A requested page checked at the boundary: a negative page or a size outside 1..{@code maxSize} is refused with
     * the field named (a 400), never quietly changed.
     */
    public static void check(int page, int size, int maxSize) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        if (page < 0) {
            problems.add(FieldProblem.of("page", "validation.atLeast", 0));
        }
        if (size < 1 || size > maxSize) {
            problems.add(FieldProblem.of("size", "validation.between", 1, maxSize));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** A requested page number checked at the boundary, for lists whose size is the page's own. */
    public static void check(int page) {
        check(page, 1, 1);
    }

    /** Clamps a page size to 1..200 so that no internal caller can load a whole table. */
    public static int clampSize(int size) {
        return Math.max(1, Math.min(size, 200));
    }
}
