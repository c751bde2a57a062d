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
    // --- usage
    USAGE_FILE_TOO_LARGE(413, "usage-file-too-large", "The usage file is larger than allowed."),
    USAGE_FILE_UNPARSEABLE(422, "usage-file-unparseable", "The usage file is not well-formed XML within the allowed limits."),
    USAGE_FILE_FORBIDDEN_XML(422, "usage-file-forbidden-xml", "The usage file uses a DTD or entities, which are not accepted."),
    USAGE_FILE_INVALID(422, "usage-file-invalid", "The usage file does not follow the smartLicense format."),
    USAGE_REPORT_NOT_JSON(422, "usage-report-not-json", "A usage report is not JSON within the allowed limits; nothing was stored."),
    USAGE_REPORT_INVALID(422, "usage-report-invalid", "A usage report does not follow the RUM report model; nothing was stored."),
    USAGE_REPORT_IDENTITY_MISMATCH(422, "usage-report-identity-mismatch", "A usage report is from another device than the one named; nothing was stored."),
    USAGE_REPORT_IN_FUTURE(422, "usage-report-in-future", "A usage report measures usage in the future; nothing was stored."),
    USAGE_REPORT_BAD_COUNT(422, "usage-report-bad-count", "A usage report has a count that is negative or not an integer; nothing was stored."),
    USAGE_REPORT_OUT_OF_BOUNDS(422, "usage-report-out-of-bounds", "A usage report is larger than allowed; nothing was stored."),
    USAGE_REPORT_CONFLICT(409, "usage-report-conflict", "The device already sent another report under this report id; nothing was stored."),
    USAGE_UNKNOWN_VIRTUAL_ACCOUNT(422, "usage-unknown-virtual-account", "No Virtual Account has that name; nothing was stored."),
    USAGE_ACK_NOT_READY(404, "usage-ack-not-ready", "No acknowledgement has arrived for this device yet."),
    USAGE_REPORT_NOT_FOUND(404, "usage-report-not-found", "No such usage report."),
    // --- access
    LOGIN_FAILED(401, "login-failed", "The username or password is not correct."),
    LOGIN_THROTTLED(429, "login-throttled", "Too many failed logins; wait before trying again."),
    LOGIN_LOCKED(429, "login-locked", "Too many failed logins; logins are locked for a while."),
    PASSWORD_TOO_WEAK(400, "password-too-weak", "The new password is too weak."),
    PASSWORD_CHANGE_REQUIRED(403, "password-change-required", "Change your password before doing anything else."),
    CSRF_TOKEN_INVALID(403, "csrf-token-invalid", "The request did not come from this satellite's console."),
    LAST_ADMINISTRATOR(409, "last-administrator", "The last enabled system administrator must stay."),
    // --- usage upstream
    USAGE_UPSTREAM_NOT_CONFIGURED(409, "usage-upstream-not-configured", "The usage upstream (token URL, API URL, client, Smart Account) is not configured."),
    USAGE_NOTHING_PENDING(409, "usage-nothing-pending", "No usage reports or authorisation requests are waiting to go upstream."),
    USAGE_BUNDLE_TOO_LARGE(413, "usage-bundle-too-large", "The file is larger than an acknowledgement bundle may be."),
    USAGE_BUNDLE_INVALID(422, "usage-bundle-invalid", "The file is not an acknowledgement bundle within the limits."),
    USAGE_BUNDLE_OTHER_SMART_ACCOUNT(422, "usage-bundle-other-smart-account", "The bundle is for another Smart Account."),
    USAGE_ACK_NOT_TRUSTED(422, "usage-ack-not-trusted", "An acknowledgement or code is not signed by the upstream this satellite trusts."),
    USAGE_ACK_UNKNOWN_REPORT(422, "usage-ack-unknown-report", "An acknowledgement names a report or device this satellite did not send."),
    // --- usage pull
    PULL_DEVICE_EXISTS(409, "pull-device-exists", "A device with this address and port is already pulled."),
    PULL_RANGE_TOO_LARGE(422, "pull-range-too-large", "The address range holds more addresses than one call may add."),
    PULL_DEVICE_DISABLED(409, "pull-device-disabled", "The device is disabled for pull; enable it first."),
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
