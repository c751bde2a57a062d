package io.licensesatellite.admin.api;

import io.licensesatellite.platform.SatelliteException;

/** The page and size every paged admin list accepts: page from 0, size 1 to 500. */
final class Paging {
    static final int MAX_SIZE = 500;

    private Paging() {}

    static void check(int page, int size) {
        if (page < 0) {
            throw SatelliteException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw SatelliteException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
    }
}
