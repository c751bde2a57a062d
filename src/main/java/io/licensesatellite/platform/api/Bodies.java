package io.licensesatellite.platform.api;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;

/** A missing JSON body is the client's fault, said plainly rather than as a null pointer. */
public final class Bodies {
    private Bodies() {}

    public static <T> T required(T body) {
        if (body == null) {
            throw new SatelliteException(ErrorKind.MALFORMED, "This request needs a JSON body");
        }
        return body;
    }
}
