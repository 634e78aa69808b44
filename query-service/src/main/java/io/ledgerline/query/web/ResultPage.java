package io.ledgerline.query.web;

import java.util.List;

/** One keyset page as read from the store, and whether more follow it. */
public record ResultPage<T>(List<T> items, boolean hasMore) {

    /** Cuts a result read with {@code limit + 1} rows down to {@code limit}. */
    public static <T> ResultPage<T> of(List<T> rows, int limit) {
        return rows.size() > limit ? new ResultPage<>(List.copyOf(rows.subList(0, limit)), true)
                : new ResultPage<>(List.copyOf(rows), false);
    }
}
