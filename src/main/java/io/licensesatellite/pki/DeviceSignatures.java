package io.licensesatellite.pki;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Device-key signatures on the hot path, and the few PEM helpers around them. ECDSA goes through Bouncy Castle
 * explicitly: on JDK 17 it signs about 5x and verifies about 12x faster than SunEC.
 */
public final class DeviceSignatures {
    /**
     * One DRBG per thread: the default NativePRNG takes a process-wide lock on every ECDSA nonce, which the
     * benchmark showed threads queueing on under load.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    static SecureRandom random() {
        return RANDOM.get();
    }

    private static final Provider BC = bouncyCastle();
    private static final ASN1ObjectIdentifier EC_KEY = X9ObjectIdentifiers.id_ecPublicKey;
    private static final ASN1ObjectIdentifier RSA_KEY = PKCSObjectIdentifiers.rsaEncryption;
    private static final Set<ASN1ObjectIdentifier> ACCEPTED_CURVES =
            Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1);
    private static final int MIN_RSA_BITS = 2048;
    /** Beyond this an RSA verification costs more than a device is worth; nobody ships such keys. */
    private static final int MAX_RSA_BITS = 16384;

    // Signature objects are costly to look up and not thread-safe; init(Sign|Verify) resets one completely.
    private static final ThreadLocal<Signature> ECDSA = ThreadLocal.withInitial(() -> signature("SHA256withECDSA", BC));
    private static final ThreadLocal<Signature> RSA = ThreadLocal.withInitial(() -> signature("SHA256withRSA", null));

    private DeviceSignatures() {}

    /**
     * A certificate signing request whose self-signature verified.
     *
     * @param publicKeyDer the requested key, X.509 SubjectPublicKeyInfo DER
     * @param subject the requested subject, e.g. {@code CN=C9300-24T,O=Example}
     * @param commonName the subject's first CN, or null if it has none
     */
    public record Csr(byte[] publicKeyDer, String subject, String commonName) {}

    /** The Bouncy Castle provider, registered with the JVM once. */
    public static Provider provider() {
        return BC;
    }

    /** Parses an EC or RSA SubjectPublicKeyInfo. Callers on the hot path should keep the result. */
    public static PublicKey publicKey(byte[] spkiDer) {
        ASN1ObjectIdentifier algorithm = subjectPublicKeyInfo(spkiDer).getAlgorithm().getAlgorithm();
        try {
            if (EC_KEY.equals(algorithm)) {
                // A BC key object spares BC's ECDSA a conversion on every verification.
                return KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(spkiDer));
            }
            if (RSA_KEY.equals(algorithm)) {
                return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spkiDer));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("Invalid " + keyName(algorithm) + " public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("Unsupported key algorithm " + algorithm.getId() + "; expected EC or RSA");
    }

    /**
     * Parses a device key and checks it is one the satellite certifies: EC on P-256 or P-384 (named curve), or RSA of
     * at least 2048 bits.
     *
     * @throws IllegalArgumentException naming what is wrong with the key
     */
    public static PublicKey acceptedDeviceKey(byte[] spkiDer) {
        SubjectPublicKeyInfo info = subjectPublicKeyInfo(spkiDer);
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (EC_KEY.equals(algorithm)) {
            ASN1Encodable parameters = info.getAlgorithm().getParameters();
            if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
                throw new IllegalArgumentException("EC key must name its curve (P-256 or P-384); explicit curve parameters are refused");
            }
            if (!ACCEPTED_CURVES.contains(curve)) {
                String name = ECNamedCurveTable.getName(curve);
                throw new IllegalArgumentException("EC curve " + (name != null ? name : curve.getId())
                        + " is not accepted; use P-256 (secp256r1) or P-384 (secp384r1)");
            }
            return publicKey(spkiDer);
        }
        if (RSA_KEY.equals(algorithm)) {
            RSAPublicKey key = (RSAPublicKey) publicKey(spkiDer);
            int bits = key.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new IllegalArgumentException("RSA key of " + bits + " bits is too weak; at least " + MIN_RSA_BITS + " bits are required");
            }
            if (bits > MAX_RSA_BITS) {
                throw new IllegalArgumentException("RSA key of " + bits + " bits is larger than the " + MAX_RSA_BITS + " bits accepted");
            }
            BigInteger exponent = key.getPublicExponent();
            if (exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)) {
                throw new IllegalArgumentException("RSA public exponent " + exponent + " is invalid");
            }
            return key;
        }
        throw new IllegalArgumentException("Key algorithm " + algorithm.getId() + " is not accepted; use EC P-256/P-384 or RSA 2048+");
    }

    /**
     * Verifies a DER ECDSA (SHA-256) or PKCS#1 v1.5 RSA (SHA-256) signature.
     *
     * @return false for a wrong, truncated or garbage signature: devices send such things and that is no error here
     * @throws IllegalArgumentException if the key is neither EC nor RSA, or unusable
     */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        if (data == null || signature == null || signature.length == 0) {
            return false;
        }
        Signature verifier = signatureFor(key);
        try {
            verifier.initVerify(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("Cannot verify with this " + key.getAlgorithm() + " key: " + e.getMessage(), e);
        }
        try {
            verifier.update(data);
            return verifier.verify(signature);
        } catch (SignatureException | RuntimeException e) {
            return false;
        }
    }

    /** Signs with SHA256withECDSA (DER signature) for EC keys, SHA256withRSA for RSA keys. */
    public static byte[] sign(PrivateKey key, byte[] data) {
        Signature signer = signatureFor(key);
        try {
            signer.initSign(key, random());
            signer.update(data);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("Cannot sign with this " + key.getAlgorithm() + " key: " + e.getMessage(), e);
        } catch (SignatureException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    /**
     * Parses a PKCS#10 request (DER, PEM, or bare base64 of the DER) and checks its self-signature, which proves the
     * requester holds the private key. The key itself is not judged here: see {@link #acceptedDeviceKey(byte[])}.
     *
     * @throws IllegalArgumentException if the bytes are not a CSR or its signature does not verify
     */
    public static Csr parseAndVerifyCsr(byte[] derOrPem) {
        PKCS10CertificationRequest csr = readCsr(derOrPem);
        boolean valid;
        try {
            // Checked directly rather than through BC's verifier-provider builder, which costs several verifications' worth
            // of set-up on every registration.
            ASN1ObjectIdentifier algorithm = csr.getSignatureAlgorithm().getAlgorithm();
            if (!X9ObjectIdentifiers.ecdsa_with_SHA256.equals(algorithm)
                    && !org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.sha256WithRSAEncryption.equals(algorithm)) {
                throw new IllegalArgumentException("CSR signature algorithm " + algorithm.getId()
                        + " is not accepted; use ECDSA or RSA with SHA-256");
            }
            PublicKey key = publicKey(csr.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
            boolean rsaKey = "RSA".equals(key.getAlgorithm());
            if (rsaKey != org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.sha256WithRSAEncryption.equals(algorithm)) {
                throw new IllegalArgumentException("CSR signature algorithm does not match its key");
            }
            valid = verify(key, csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER), csr.getSignature());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("CSR signature cannot be checked: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new IllegalArgumentException("CSR signature does not verify: the request was altered or the signer does not hold the key");
        }
        X500Name subject = csr.getSubject();
        RDN[] commonNames = subject.getRDNs(BCStyle.CN);
        String commonName = commonNames.length == 0 ? null : IETFUtils.valueToString(commonNames[0].getFirst().getValue());
        try {
            return new Csr(csr.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER), subject.toString(), commonName);
        } catch (IOException e) {
            throw new IllegalArgumentException("CSR public key cannot be encoded", e);
        }
    }

    /** A PKCS#10 request (DER) for {@code subject} (e.g. {@code CN=device,O=Example}), as a device makes one. */
    public static byte[] createCsr(KeyPair keyPair, String subject) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keyPair.getPublic())
                    .build(Certificates.contentSigner(keyPair.getPrivate()))
                    .getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode CSR", e);
        }
    }

    /** A fresh EC P-256 key pair, as devices and the satellite itself use. */
    public static KeyPair generateEcKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"), random());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 key generation is unavailable", e);
        }
    }

    /** PEM ("CERTIFICATE"). */
    public static String toPem(X509Certificate certificate) {
        return Certificates.pem(certificate);
    }

    /** PEM ("PUBLIC KEY", SubjectPublicKeyInfo). */
    public static String toPem(PublicKey key) {
        return Certificates.pem(key);
    }

    /** Unencrypted PKCS#8 PEM ("PRIVATE KEY"): store it in a file of mode 0600 only. */
    public static String toPem(PrivateKey key) {
        return Certificates.pem(key);
    }

    /** The first certificate of a PEM text. */
    public static X509Certificate parseCertificate(String pem) {
        Object object = readPem(pem, "certificate");
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new IllegalArgumentException("Not a PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Invalid certificate: " + e.getMessage(), e);
        }
    }

    /** A private key from PEM, PKCS#8 ("PRIVATE KEY") or the legacy OpenSSL forms ("EC PRIVATE KEY", "RSA PRIVATE KEY"). */
    public static PrivateKey parsePrivateKey(String pem) {
        Object object = readPem(pem, "private key");
        PrivateKeyInfo info;
        if (object instanceof PrivateKeyInfo pkcs8) {
            info = pkcs8;
        } else if (object instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else {
            throw new IllegalArgumentException("Not an unencrypted PEM private key");
        }
        try {
            return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid private key: " + e.getMessage(), e);
        }
    }

    private static Object readPem(String pem, String what) {
        if (pem == null) {
            throw new IllegalArgumentException("No PEM " + what + " given");
        }
        try {
            return PemFiles.readObject(new StringReader(pem));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Unreadable PEM " + what + ": " + e.getMessage(), e);
        }
    }

    private static PKCS10CertificationRequest readCsr(byte[] derOrPem) {
        if (derOrPem == null || derOrPem.length == 0) {
            throw new IllegalArgumentException("Empty CSR");
        }
        try {
            if (derOrPem[0] == 0x30) { // a DER SEQUENCE
                return new PKCS10CertificationRequest(derOrPem);
            }
            String text = new String(derOrPem, StandardCharsets.US_ASCII).trim();
            if (!text.startsWith("-----BEGIN")) {
                return new PKCS10CertificationRequest(Base64.getMimeDecoder().decode(text));
            }
            if (PemFiles.readObject(new StringReader(text)) instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not a PKCS#10 certificate request", e);
        }
        throw new IllegalArgumentException("PEM does not hold a certificate request");
    }

    private static SubjectPublicKeyInfo subjectPublicKeyInfo(byte[] spkiDer) {
        if (spkiDer == null || spkiDer.length == 0) {
            throw new IllegalArgumentException("No public key given");
        }
        try {
            // BC refuses bytes after the SEQUENCE, so junk appended to a key is not silently ignored.
            return SubjectPublicKeyInfo.getInstance(spkiDer);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not an X.509 SubjectPublicKeyInfo (DER)", e);
        }
    }

    private static Signature signatureFor(Key key) {
        if (key instanceof ECKey) {
            return ECDSA.get();
        }
        if (key instanceof RSAKey) {
            return RSA.get();
        }
        throw new IllegalArgumentException("Unsupported key type " + (key == null ? "null" : key.getAlgorithm()) + "; expected EC or RSA");
    }

    private static String keyName(ASN1ObjectIdentifier algorithm) {
        return EC_KEY.equals(algorithm) ? "EC" : RSA_KEY.equals(algorithm) ? "RSA" : algorithm.getId();
    }

    private static Signature signature(String algorithm, Provider provider) {
        try {
            return provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
    }

    private static Provider bouncyCastle() {
        synchronized (Security.class) {
            if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) instanceof BouncyCastleProvider registered) {
                return registered;
            }
            BouncyCastleProvider provider = new BouncyCastleProvider();
            Security.addProvider(provider);
            return provider;
        }
    }
}
