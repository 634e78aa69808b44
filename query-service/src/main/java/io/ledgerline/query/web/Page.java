package io.ledgerline.query.web;

import java.util.List;
import java.util.function.Function;

/** A list answer: {@code {items, nextCursor}}, nextCursor null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public static <T> Page<T> of(ResultPage<T> page, Function<T, String> cursorAfter) {
        String next = page.hasMore() ? cursorAfter.apply(page.items().get(page.items().size() - 1)) : null;
        return new Page<>(page.items(), next);
    }
}
