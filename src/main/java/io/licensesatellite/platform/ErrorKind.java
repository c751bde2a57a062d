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
    SYNC_FILE_TOO_LARGE(413, "sync-file-too-large", "The file is larger than a sync file may be."),
    SYNC_FILE_NOT_SIGNED(422, "sync-file-not-signed", "The file has no valid signature block."),
    SYNC_FILE_SIGNER_NOT_TRUSTED(422, "sync-file-signer-not-trusted", "The file is signed by a certificate this satellite does not trust."),
    SYNC_FILE_SIGNATURE_MISMATCH(422, "sync-file-signature-mismatch", "The signature does not match the file's contents."),
    SYNC_FILE_UNPARSEABLE(422, "sync-file-unparseable", "The file is not YAML within the allowed limits."),
    SYNC_FILE_INVALID(422, "sync-file-invalid", "The file does not follow the sync file format."),
    SYNC_FILE_WRONG_KIND(422, "sync-file-wrong-kind", "This is another kind of sync file."),
    SYNC_FILE_OTHER_SATELLITE(422, "sync-file-other-satellite", "The file is for another satellite."),
    SYNC_RESPONSE_REPLAYED(409, "sync-response-replayed", "This response has already been imported."),
    SYNC_RESPONSE_ROLLED_BACK(409, "sync-response-rolled-back", "A newer response has already been imported."),
    SYNC_RESPONSE_UNKNOWN_REQUEST(409, "sync-response-unknown-request", "The response answers a request this satellite did not send."),
    SATELLITE_NOT_REGISTERED(409, "satellite-not-registered", "The satellite is not registered with an upstream yet."),
    SYNC_IN_PROGRESS(409, "sync-in-progress", "A synchronisation is already running."),
    UPSTREAM_UNAVAILABLE(502, "upstream-unavailable", "The upstream could not be reached."),
    UPSTREAM_REFUSED(502, "upstream-refused", "The upstream refused the request."),
    // --- access
    LOGIN_FAILED(401, "login-failed", "The username or password is not correct."),
    LOGIN_THROTTLED(429, "login-throttled", "Too many failed logins; wait before trying again."),
    LOGIN_LOCKED(429, "login-locked", "Too many failed logins; logins are locked for a while."),
    PASSWORD_TOO_WEAK(400, "password-too-weak", "The new password is too weak."),
    PASSWORD_CHANGE_REQUIRED(403, "password-change-required", "Change your password before doing anything else."),
    CSRF_TOKEN_INVALID(403, "csrf-token-invalid", "The request did not come from this satellite's console."),
    LAST_ADMINISTRATOR(409, "last-administrator", "The last enabled system administrator must stay."),
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
