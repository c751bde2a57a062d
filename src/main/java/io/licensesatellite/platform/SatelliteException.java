package io.licensesatellite.platform;

import java.util.List;

/** The one internal exception type: a kind, a detail safe to show, and the fields at fault if any. */
public class SatelliteException extends RuntimeException {
    private final ErrorKind kind;
    private final List<FieldError> fieldErrors;

    public SatelliteException(ErrorKind kind, String detail) {
        this(kind, detail, List.of());
    }

    public SatelliteException(ErrorKind kind, String detail, List<FieldError> fieldErrors) {
        super(detail);
        this.kind = kind;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public ErrorKind kind() { return kind; }

    /** Seconds the client should wait before trying again (a {@code Retry-After} header), or null. */
    public Long retryAfterSeconds() { return null; }

    public List<FieldError> fieldErrors() { return fieldErrors; }

    public static SatelliteException notFound(String what) { return new SatelliteException(ErrorKind.NOT_FOUND, what); }

    public static SatelliteException invalid(String field, String message) {
        return new SatelliteException(ErrorKind.VALIDATION, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public record FieldError(String field, String message) {}
}
