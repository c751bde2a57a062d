package io.licensesatellite.upstream;

/**
 * Why the emulator refused or could not do something. Each kind has the HTTP status and problem type the
 * exchange endpoint answers with; the CLI prints the detail and exits 1.
 */
public enum EmulatorError {
    /** The state directory has no CA yet. */
    NOT_INITIALISED(503, "not-initialised", "The upstream emulator is not initialised."),
    /** accounts.yml is missing, not YAML, or fails validation; the detail lists every fault. */
    ACCOUNTS_INVALID(503, "accounts-invalid", "The upstream's accounts file is not valid."),
    /** The operator named a Smart Account or Virtual Account that accounts.yml does not hold. */
    UNKNOWN_ACCOUNT(422, "unknown-account", "No such account at this upstream."),
    /** The file is larger than the limit. */
    TOO_LARGE(413, "too-large", "The file is larger than allowed."),
    /** Not a signed file of the expected kind: no signature block, not YAML, a field at fault, another kind. */
    MALFORMED(400, "malformed", "The file could not be read."),
    /** The signature does not verify: the file was changed after signing, or signed by another key. */
    SIGNATURE_MISMATCH(400, "signature-mismatch", "The file's signature does not verify."),
    /** The signer certificate was not issued by this upstream's CA. */
    CERTIFICATE_NOT_ISSUED_HERE(403, "certificate-not-issued-here", "The certificate was not issued by this upstream."),
    /** The signer certificate is outside its validity at the emulator's clock. */
    CERTIFICATE_NOT_VALID(403, "certificate-not-valid", "The certificate is expired or not yet valid."),
    /** Issued here, but no longer one of the satellite's certificates (it registered again since). */
    CERTIFICATE_SUPERSEDED(403, "certificate-superseded", "The certificate was superseded."),
    /** No satellite with that id registered here. */
    UNKNOWN_SATELLITE(403, "unknown-satellite", "No such satellite is registered at this upstream."),
    /** The file names another satellite than its signer, or than the TLS client certificate. */
    SATELLITE_MISMATCH(403, "satellite-mismatch", "The request names another satellite than its certificate."),
    /** A well-formed request this upstream will not answer (wrong smart account, a bad renewal CSR...). */
    REQUEST_REFUSED(422, "request-refused", "The request was refused."),
    /** The registration file is well-formed but unacceptable (CSR subject, key type, satellite id). */
    REGISTRATION_REFUSED(422, "registration-refused", "The registration was refused."),
    /** A file of the state directory cannot be read or written. */
    STATE_UNAVAILABLE(500, "internal", "An internal error occurred.");

    private final int httpStatus;
    private final String problemSlug;
    private final String title;

    EmulatorError(int httpStatus, String problemSlug, String title) {
        this.httpStatus = httpStatus;
        this.problemSlug = problemSlug;
        this.title = title;
    }

    public int httpStatus() { return httpStatus; }

    public String problemType() { return "https://license-satellite.io/problems/upstream/" + problemSlug; }

    public String title() { return title; }
}
