package io.licensesatellite.platform;

/** Kinds of failure the admin API reports; each maps to one HTTP status and a problem type URI. */
public enum ErrorKind {
    VALIDATION(400, "validation", "The request has fields at fault."),
    MALFORMED(400, "malformed", "The request body could not be read."),
    UNAUTHENTICATED(401, "unauthenticated", "Credentials are missing or wrong."),
    FORBIDDEN(403, "forbidden", "This action is not allowed for these credentials."),
    NOT_FOUND(404, "not-found", "No such resource."),
    CONFLICT(409, "conflict", "The request conflicts with the current state."),
    TOO_LARGE(413, "too-large", "The request body is larger than allowed."),
    UNSUPPORTED_MEDIA(415, "unsupported-media-type", "This content type is not accepted here."),
    BUSY(503, "busy", "The satellite is busy; try again."),
    INTERNAL(500, "internal", "An internal error occurred.");

    private final int status;
    private final String slug;
    private final String defaultDetail;

    ErrorKind(int status, String slug, String defaultDetail) {
        this.status = status;
        this.slug = slug;
        this.defaultDetail = defaultDetail;
    }

    public int status() { return status; }

    public String typeUri() { return "https://license-satellite.io/problems/" + slug; }

    public String title() { return defaultDetail; }
}
