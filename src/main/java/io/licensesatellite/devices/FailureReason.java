package io.licensesatellite.devices;

/**
 * Why the satellite refused a device request. Each carries the exact text operators see in the
 * device's log (the domain brief), rendered by the device door.
 */
public enum FailureReason {
    /** Registration of a known UDI without {@code force}. */
    ALREADY_REGISTERED("FAILED", "Product Already Registered"),
    /** A transient server-side failure (database busy, lock timeout): the device retries. */
    TRY_AGAIN("OK_TRY_AGAIN", "Your request could not be processed right now. Please try again"),
    /** The device clock is too far from the satellite's; the detail is the device time in epoch ms. */
    CLOCK_OFFSET("FAILED", "{\"timestamp\":[\"The device date '%s' is offset beyond the allowed tolerance limit.\"]}"),
    /** Certificate serial fields missing, or the named satellite signing certificate unknown or expired. */
    INVALID_DATA("LS_INVALID_DATA", "%s"),
    /** The message's signature does not verify with the device's registered key. */
    SIGNATURE_MISMATCH("FAILED", "Data and Signature do not Match"),
    TOKEN_EXPIRED("FAILED", "The ID token has expired"),
    TOKEN_USED_UP("FAILED", "The ID token has reached its maximum number of uses"),
    TOKEN_REVOKED("FAILED", "The ID token has been revoked"),
    TOKEN_UNKNOWN("FAILED", "The ID token is not valid"),
    /** The device is not (or no longer) registered: it must register again. */
    NOT_REGISTERED("FAILED", "{\"product_instance_identifier\":[\"The identity for the instance %s is not valid.Please re-register the instance.\"]}"),
    /** The device asked for export-controlled functionality with a token that does not allow it. */
    EXPORT_CONTROL_NOT_ALLOWED("FAILED", "Export-controlled functionality is not allowed for this Virtual Account token");

    public static final String MISSING_ID_CERT_SERIAL = "Missing Id Cert Serial Number Field";
    public static final String MISSING_SIGNING_CERT_SERIAL = "Missing Signing Cert Serial Number Field";
    public static final String SIGNED_DATA_CERT_MISMATCH = "Signed Data and Certificate does not Match";
    /** Ours: the UDI in a registered device's message is not the UDI it registered with. */
    public static final String UDI_MISMATCH = "Udi does not match the registered product instance";

    private final String status;
    private final String template;

    FailureReason(String status, String template) {
        this.status = status;
        this.template = template;
    }

    /** The status word of the reply header: FAILED, OK_TRY_AGAIN or LS_INVALID_DATA. */
    public String status() { return status; }

    /** The exact message, with the detail (device time, instance id, invalid-data list) filled in. */
    public String message(String detail) {
        return template.contains("%s") ? String.format(template, detail == null ? "" : detail) : template;
    }
}
