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

    /** Clamps a requested page size to 1..200 so no request can load a whole table. */
    public static int clampSize(int size) {
        return Math.max(1, Math.min(size, 200));
    }
}
