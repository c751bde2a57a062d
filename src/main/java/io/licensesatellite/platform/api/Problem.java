package io.licensesatellite.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** RFC 9457 problem details, as every admin API error is rendered. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<SatelliteException.FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(ErrorKind kind, String detail, String instance, List<SatelliteException.FieldError> errors) {
        return Response.status(kind.status()).type(MEDIA_TYPE)
                .entity(new Problem(kind.typeUri(), kind.title(), kind.status(), detail, instance, errors)).build();
    }
}
