package io.licensesatellite.usage;

/**
 * Why a report was not stored. Each has its own problem type slug on the admin API and its own reason on the push
 * door (see docs/error-handling.md); nothing of a refused report is stored.
 */
public enum UsageRefusal {
    /** The wrapper or its payload is not JSON (or breaks the reader's bounds: depth, string length). */
    NOT_JSON("usage-report-not-json"),
    /** JSON, but not a RUM wrapper or payload of a known version (2.0, or the 17.6 form with report_id in meta). */
    NOT_MODEL("usage-report-invalid"),
    /** The device in the payload is not the one in the signature or the one the envelope or file names. */
    IDENTITY_MISMATCH("usage-report-identity-mismatch"),
    /** A measurement ends later than now plus the tolerance. */
    IN_THE_FUTURE("usage-report-in-future"),
    /** A count is negative or not an integer. */
    BAD_COUNT("usage-report-bad-count"),
    /** Too large: bytes, measurements, or a measurement's span. */
    OUT_OF_BOUNDS("usage-report-out-of-bounds"),
    /** The device already sent a different report under the same report id. */
    CONFLICT("usage-report-conflict"),
    /** The push URL names a Virtual Account the satellite does not have. */
    UNKNOWN_VIRTUAL_ACCOUNT("usage-unknown-virtual-account"),
    /** All or nothing (uploaded files): this report was fine but is not stored because another one was refused. */
    NOT_STORED_WITH_OTHERS("usage-report-not-stored");

    private final String slug;

    UsageRefusal(String slug) { this.slug = slug; }

    /** The problem type slug, {@code https://license-satellite.io/problems/<slug>}. */
    public String slug() { return slug; }
}
