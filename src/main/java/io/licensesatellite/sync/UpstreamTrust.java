package io.licensesatellite.sync;

import io.licensesatellite.sync.file.SyncFileException;
import io.licensesatellite.sync.file.SyncFileException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/** Certificate checks shared by binding and import: parsed from PEM, issued by the upstream CA, valid now. */
final class UpstreamTrust {
    private UpstreamTrust() {}

    static X509Certificate certificate(String pem, String what) throws SyncFileException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new SyncFileException(Reason.INVALID, what + ": not a PEM X.509 certificate");
        }
    }

    /** The certificate is signed by {@code ca} and valid at {@code now}; the reason names what is wrong. */
    static void requireIssuedBy(X509Certificate certificate, X509Certificate ca, Instant now, String what)
            throws SyncFileException {
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new SyncFileException(Reason.SIGNER_NOT_TRUSTED, what + " is not issued by the upstream CA this satellite trusts ("
                    + ca.getSubjectX500Principal().getName() + ")");
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw new SyncFileException(Reason.SIGNER_NOT_TRUSTED, what + " is not valid now (valid "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required", e);
        }
    }
}
