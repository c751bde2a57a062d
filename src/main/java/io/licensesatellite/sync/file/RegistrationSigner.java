package io.licensesatellite.sync.file;

import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.sync.file.SyncFileException.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Who may sign a registration file: the satellite itself, before anyone has certified its key. The signature block
 * must carry a self-signed certificate, and the CSR inside must be for that same key, signed by it, and name the
 * satellite; together they prove the file comes from the holder of the key the upstream is asked to certify.
 */
final class RegistrationSigner {
    private RegistrationSigner() {}

    /** Before the signature is checked: only a self-signed certificate can sign a registration. */
    static void check(X509Certificate signer) throws SyncFileException {
        try {
            if (signer.getSubjectX500Principal().equals(signer.getIssuerX500Principal())) {
                signer.verify(signer.getPublicKey(), DeviceSignatures.provider());
                return;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // Refused below: a certificate that does not verify under its own key is not self-signed.
        }
        throw new SyncFileException(Reason.SIGNER_NOT_TRUSTED, "A registration file must be signed with a self-signed"
                + " certificate of the satellite's key; this one is issued by " + signer.getIssuerX500Principal().getName());
    }

    /** After the model is read: the CSR is for the signing key, proves possession of it, and names the satellite. */
    static void checkCsr(RegistrationFile file, X509Certificate signer) throws SyncFileException {
        parse(file.csrPem());
        DeviceSignatures.Csr csr;
        try {
            csr = DeviceSignatures.parseAndVerifyCsr(file.csrPem().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new SyncFileException(Reason.SIGNER_NOT_TRUSTED, "The CSR in the registration file does not verify: " + e.getMessage());
        }
        if (!sameKey(DeviceSignatures.publicKey(csr.publicKeyDer()), signer.getPublicKey())) {
            throw new SyncFileException(Reason.SIGNER_NOT_TRUSTED,
                    "The CSR in the registration file is for another key than the certificate that signed the file");
        }
        if (!file.satelliteId().equals(csr.commonName())) {
            throw new SyncFileException(Reason.SIGNER_NOT_TRUSTED, "The CSR in the registration file names CN="
                    + (csr.commonName() == null ? "(none)" : Excerpt.of(csr.commonName(), 60))
                    + " where the satellite id " + file.satelliteId() + " is expected");
        }
    }

    /** Compared by value: the two keys may come from different providers, whose key classes never equal each other. */
    private static boolean sameKey(PublicKey a, PublicKey b) {
        if (a instanceof ECPublicKey ec && b instanceof ECPublicKey other) {
            return ec.getW().equals(other.getW()) && ec.getParams().getCurve().equals(other.getParams().getCurve());
        }
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    private static void parse(String pem) throws SyncFileException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (parser.readObject() instanceof PKCS10CertificationRequest) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            // Refused below, whatever the PEM reader disliked.
        }
        throw new SyncFileException(Reason.INVALID, "csr: expected a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
    }
}
