package io.licensesatellite.upstream;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * When a response renews the satellite's identity certificate, and for which key: when the request carries a
 * {@code certificate_renewal} CSR (signed by, and for, the key of the certificate that signed the request), or when
 * that certificate ends within {@link #RENEW_BEFORE}. A renewal always keeps the key; a new key needs a new
 * registration.
 */
final class CertificateRenewalPolicy {
    static final Duration RENEW_BEFORE = Duration.ofDays(60);

    private CertificateRenewalPolicy() {}

    /** The key to certify again, or null when no renewal is due; a CSR that fails a check refuses the request. */
    static PublicKey keyToRenew(String renewalCsrPem, X509Certificate signer, String satelliteId, Instant now) {
        if (renewalCsrPem != null && !renewalCsrPem.isBlank()) {
            try {
                PKCS10CertificationRequest csr = UpstreamAuthority.parseCsr(renewalCsrPem, "certificate_renewal");
                PublicKey key = UpstreamAuthority.verifiedKey(csr, "certificate_renewal");
                if (!UpstreamAuthority.sameKey(key, signer.getPublicKey())) {
                    throw new IllegalArgumentException("certificate_renewal is for another key than the satellite's identity"
                            + " certificate that signed the request; a new key needs a new registration");
                }
                String cn = UpstreamAuthority.commonName(csr);
                if (cn != null && !cn.equals(satelliteId)) {
                    throw new IllegalArgumentException("certificate_renewal names CN=" + cn + ", not the satellite id " + satelliteId);
                }
                return key;
            } catch (IllegalArgumentException e) {
                throw new EmulatorException(EmulatorError.REQUEST_REFUSED, e.getMessage());
            }
        }
        if (!signer.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
            return signer.getPublicKey();
        }
        return null;
    }
}
