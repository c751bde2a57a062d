package io.licensesatellite.sync.file;

import java.time.Instant;

/**
 * Satellite to upstream, once: who this satellite is and the key it will sign with. Signed by that key
 * (the signature block carries a self-signed certificate of it), so the upstream sees proof of possession.
 *
 * @param csrPem PKCS#10 request for the satellite's identity certificate, subject CN = satellite id
 */
public record RegistrationFile(
        int format, String satelliteId, String satelliteName, String softwareVersion, Instant createdAt, String csrPem) {
}
