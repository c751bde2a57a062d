package io.licensesatellite.platform;

import java.util.List;

/**
 * One page of an admin list as asked for: which page (0-based), how many items, and the sort field and direction.
 * Built only through {@link #of}, which refuses what the list cannot serve, so a repository can put
 * {@link #sortField()} into a query after mapping it to a column.
 */
public record PageRequest(int page, int size, String sortField, boolean descending) {
    public static final int DEFAULT_SIZE = 50;
    /** Above this a page stops being a page: the console never asks for more, and a script can page. */
    public static final int MAX_SIZE = 500;

    /**
     * @param sort        {@code field} or {@code -field}; null or blank means {@code defaultSort}
     * @param allowed     the fields this list can sort by
     */
    public static PageRequest of(String page, String size, String sort, String defaultSort, List<String> allowed) {
        int p = number("page", page, 0);
        int s = number("size", size, DEFAULT_SIZE);
        if (p < 0) {
            throw SatelliteException.invalid("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw SatelliteException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        String requested = sort == null || sort.isBlank() ? defaultSort : sort.trim();
        boolean descending = requested.startsWith("-");
        String field = descending ? requested.substring(1) : requested;
        if (!allowed.contains(field)) {
            throw SatelliteException.invalid("sort", "must be one of " + String.join(", ", allowed)
                    + ", each optionally preceded by '-' for descending order");
        }
        if ((long) p * s > Integer.MAX_VALUE) {
            throw SatelliteException.invalid("page", "is beyond any list this satellite holds");
        }
        return new PageRequest(p, s, field, descending);
    }

    /** Query parameters arrive as text so that "abc" is a field at fault, not a resource that does not exist. */
    private static int number(String field, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw SatelliteException.invalid(field, "must be a whole number");
        }
    }

    public int offset() {
        return page * size;
    }

    /** The page in memory, for lists small enough to build whole (alerts). */
    public <T> List<T> slice(List<T> all) {
        int from = Math.min(offset(), all.size());
        return all.subList(from, Math.min(all.size(), from + size));
    }
}
