package io.licensesatellite.pki;

import java.time.Instant;

/**
 * The satellite's own key material: its CA (issues ID certificates) and its message signer (signs every
 * answer to a device). Created on first start in {@code <data-dir>/pki}, loaded afterwards.
 */
public interface SatelliteKeys {

    /** The satellite CA certificate, PEM: the root devices must trust. */
    String caCertificatePem();

    /** The current message-signing certificate (issued by the CA), PEM. */
    String signerCertificatePem();

    /** The current message-signing certificate serial, decimal. */
    String signerSerial();

    /** Signs data with the current signer (SHA256withECDSA, DER-encoded signature). */
    byte[] sign(byte[] data);

    /** Status of a signing certificate a device names by its decimal serial. */
    SigningCertificateStatus signingCertificateStatus(String serial, Instant now);

    /** Issues an ID certificate valid from now (back-dated by the configured skew) for the configured lifetime. */
    IssuedCertificate issueIdCertificate(IdCertificateRequest request);

    /** When the current signer's certificate expires (the satellite rotates it well before). */
    Instant signerNotAfter();
}
