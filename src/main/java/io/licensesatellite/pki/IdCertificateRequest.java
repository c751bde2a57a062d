package io.licensesatellite.pki;

/**
 * What an ID certificate is issued for.
 *
 * @param commonName the product name or PID (subject CN)
 * @param productInstanceId the satellite-assigned instance UUID (subject SERIALNUMBER, 36 characters)
 * @param publicKeyDer the device's key, X.509 SubjectPublicKeyInfo DER (EC P-256 or RSA 2048+)
 */
public record IdCertificateRequest(String commonName, String productInstanceId, byte[] publicKeyDer) {}
