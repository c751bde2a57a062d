package io.licensesatellite.pki;

/** What the satellite knows of a signing-certificate serial a device names. */
public enum SigningCertificateStatus {
    /** The current signer. */
    ACTIVE,
    /** A previous signer, rotated out but not yet expired: still accepted. */
    RETIRED_VALID,
    /** A signer whose certificate has expired. */
    EXPIRED,
    /** Never issued by this satellite. */
    UNKNOWN
}
