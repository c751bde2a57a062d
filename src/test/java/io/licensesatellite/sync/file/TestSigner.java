package io.licensesatellite.sync.file;

import io.licensesatellite.pki.DeviceSignatures;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** An ECDSA P-256 key with a self-signed certificate, standing in for a satellite or an upstream signer. */
record TestSigner(KeyPair keys, X509Certificate certificate) {
    private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");

    static TestSigner selfSigned(String commonName) {
        KeyPair keys = DeviceSignatures.generateEcKeyPair();
        return new TestSigner(keys, certificate(new X500Name("CN=" + commonName), keys, new X500Name("CN=" + commonName), keys));
    }

    /** A new key certified by {@code issuer}, as the upstream certifies a satellite. */
    static TestSigner issuedBy(TestSigner issuer, String commonName) {
        KeyPair keys = DeviceSignatures.generateEcKeyPair();
        X500Name issuerName = X500Name.getInstance(issuer.certificate.getSubjectX500Principal().getEncoded());
        return new TestSigner(keys, certificate(new X500Name("CN=" + commonName), keys, issuerName, issuer.keys));
    }

    private static X509Certificate certificate(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys) {
        try {
            return new JcaX509CertificateConverter().setProvider(DeviceSignatures.provider())
                    .getCertificate(new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(subject.hashCode() & 0x7fffffff),
                            Date.from(NOT_BEFORE), Date.from(NOT_BEFORE.plusSeconds(3650L * 86400)), subject, keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(DeviceSignatures.provider())
                                    .build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM certificate request for this key, as a satellite puts in its registration file. */
    String csrPem(String commonName) {
        return pem("CERTIFICATE REQUEST", DeviceSignatures.createCsr(keys, "CN=" + commonName));
    }

    String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts this signer's certificate and nothing else. */
    SignerTrust trust() {
        return signer -> {
            if (!signer.equals(certificate)) {
                throw new SyncFileException(SyncFileException.Reason.SIGNER_NOT_TRUSTED,
                        "The file is signed by " + signer.getSubjectX500Principal().getName() + ", which is not trusted here");
            }
        };
    }

    /** The signed part as given, followed by a valid signature block: how hostile YAML reaches the parser. */
    byte[] sign(byte[] signedPart) {
        return SignatureBlock.append(signedPart, keys.getPrivate(), certificate);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
