package io.licensesatellite.platform.api;

import io.licensesatellite.platform.CountedPage;
import jakarta.ws.rs.core.Response;

/** Renders a {@link CountedPage}: the envelope, plus a header when the total is only a lower bound. */
public final class Pages {
    public static final String LOWER_BOUND_HEADER = "X-Total-Is-Lower-Bound";

    private Pages() {}

    public static Response ok(CountedPage<?> counted) {
        Response.ResponseBuilder response = Response.ok(counted.page());
        if (counted.totalIsLowerBound()) {
            response.header(LOWER_BOUND_HEADER, "true");
        }
        return response.build();
    }
}
