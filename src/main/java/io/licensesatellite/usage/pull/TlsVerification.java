package io.licensesatellite.usage.pull;

/** How the satellite trusts a device's HTTPS certificate; devices usually present a self-signed one. */
public enum TlsVerification {
    /** Trust on first use: the SHA-256 fingerprint seen at the first contact is kept and then required. */
    PINNED,
    /** The certificate must chain to the PEM the operator uploaded and name the address. */
    CA,
    /** Any certificate: only when the operator chose it, and shown as a warning on every listing. */
    INSECURE
}
