package io.licensesatellite.platform;

import io.licensesatellite.platform.api.PageOf;
import java.util.List;

/**
 * A page and whether its total is exact: a search that stops counting at the configured limit says its total is
 * only a lower bound (see {@link ListConfig#maxCountedMatches()}).
 */
public record CountedPage<T>(PageOf<T> page, boolean totalIsLowerBound) {
    public static <T> CountedPage<T> exact(List<T> items, PageRequest request, long total) {
        return new CountedPage<>(new PageOf<>(items, request.page(), request.size(), total), false);
    }

    /** {@code counted} is the count stopped at {@code limit + 1}: more than the limit means there may be more. */
    public static <T> CountedPage<T> bounded(List<T> items, PageRequest request, long counted, int limit) {
        boolean capped = counted > limit;
        return new CountedPage<>(new PageOf<>(items, request.page(), request.size(), capped ? limit : counted), capped);
    }
}
