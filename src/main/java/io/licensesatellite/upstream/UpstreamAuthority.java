package io.licensesatellite.upstream;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The emulator's PKI: a CA (ECDSA P-256), a file signer and a TLS server certificate issued by it, kept as PEM
 * files in the state directory (keys owner-only); and issuance of satellite identity certificates.
 */
final class UpstreamAuthority {
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration TLS_VALIDITY = Duration.ofDays(730);
    /** Identity certificates of satellites: one year, renewed through sync. */
    static final Duration SATELLITE_CERTIFICATE_VALIDITY = Duration.ofDays(365);
    /** A TLS certificate closer than this to its end is issued again when the server starts. */
    static final Duration TLS_RENEW_BEFORE = Duration.ofDays(30);
    /** notBefore is set this far back, so a peer whose clock is a little behind accepts a fresh certificate. */
    static final Duration NOT_BEFORE_BACKDATE = Duration.ofMinutes(5);
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    static final String CA_CERT = "ca.pem";
    static final String CA_KEY = "ca-key.pem";
    static final String SIGNER_CERT = "signer.pem";
    static final String SIGNER_KEY = "signer-key.pem";
    static final String TLS_CERT = "tls.pem";
    static final String TLS_KEY = "tls-key.pem";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JcaX509CertificateConverter CONVERTER = new JcaX509CertificateConverter();

    private final Path dir;
    private final PrivateKey caKey;
    private final X509Certificate ca;
    private final PrivateKey signerKey;
    private final X509Certificate signer;
    private PrivateKey tlsKey;
    private X509Certificate tls;

    private UpstreamAuthority(Path dir, PrivateKey caKey, X509Certificate ca, PrivateKey signerKey, X509Certificate signer,
            PrivateKey tlsKey, X509Certificate tls) {
        this.dir = dir;
        this.caKey = caKey;
        this.ca = ca;
        this.signerKey = signerKey;
        this.signer = signer;
        this.tlsKey = tlsKey;
        this.tls = tls;
    }

    static boolean exists(Path dir) {
        return Files.exists(dir.resolve(CA_CERT)) || Files.exists(dir.resolve(CA_KEY));
    }

    /**
     * Creates what is missing: the CA (only when neither its certificate nor its key exists), the signer, and the
     * TLS certificate (also again when {@code tlsNames} differ from those of the current one). Returns what it created.
     */
    static List<String> complete(Path dir, String upstreamName, List<String> tlsNames, Clock clock) throws IOException, GeneralSecurityException {
        List<String> created = new ArrayList<>();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        boolean hasCert = Files.exists(dir.resolve(CA_CERT));
        boolean hasKey = Files.exists(dir.resolve(CA_KEY));
        if (hasCert != hasKey) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, dir + " holds " + (hasCert ? CA_CERT + " but not " + CA_KEY
                    : CA_KEY + " but not " + CA_CERT) + "; restore the missing file or start from an empty state directory");
        }
        if (!hasCert) {
            KeyPair keys = newKeyPair();
            X500Name subject = name(upstreamName + " CA " + HexFormat.of().formatHex(randomBytes(3)), upstreamName);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(NOT_BEFORE_BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate caCert = sign(builder, keys.getPrivate());
            StateFiles.writeSecret(dir.resolve(CA_KEY), pem(keys.getPrivate()));
            StateFiles.writePublic(dir.resolve(CA_CERT), pem(caCert));
            created.add("CA " + caCert.getSubjectX500Principal().getName() + " (" + CA_CERT + ")");
        }
        PrivateKey caKey = readKey(dir.resolve(CA_KEY));
        X509Certificate caCert = readCertificate(dir.resolve(CA_CERT));
        if (!Files.exists(dir.resolve(SIGNER_CERT)) || !Files.exists(dir.resolve(SIGNER_KEY))) {
            KeyPair keys = newKeyPair();
            X509Certificate cert = issue(caCert, caKey, name(upstreamName + " file signer", upstreamName), keys.getPublic(),
                    now, caCert.getNotAfter().toInstant(), KeyUsage.digitalSignature, null, null);
            StateFiles.writeSecret(dir.resolve(SIGNER_KEY), pem(keys.getPrivate()));
            StateFiles.writePublic(dir.resolve(SIGNER_CERT), pem(cert));
            created.add("file signer (" + SIGNER_CERT + ")");
        }
        Set<String> wanted = tlsNamesWith(tlsNames);
        boolean tlsMissing = !Files.exists(dir.resolve(TLS_CERT)) || !Files.exists(dir.resolve(TLS_KEY));
        if (tlsMissing || (!tlsNames.isEmpty() && !tlsNamesOf(readCertificate(dir.resolve(TLS_CERT))).equals(wanted))) {
            issueTls(dir, caCert, caKey, upstreamName, wanted, now);
            created.add("TLS certificate for " + String.join(", ", wanted) + " (" + TLS_CERT + ")");
        }
        return created;
    }

    static UpstreamAuthority load(Path dir) {
        if (!exists(dir)) {
            throw new EmulatorException(EmulatorError.NOT_INITIALISED, "no upstream emulator in " + dir + "; run 'init' first");
        }
        try {
            return new UpstreamAuthority(dir, readKey(dir.resolve(CA_KEY)), readCertificate(dir.resolve(CA_CERT)),
                    readKey(dir.resolve(SIGNER_KEY)), readCertificate(dir.resolve(SIGNER_CERT)),
                    readKey(dir.resolve(TLS_KEY)), readCertificate(dir.resolve(TLS_CERT)));
        } catch (IOException | GeneralSecurityException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot read the emulator's keys and certificates in "
                    + dir + ": " + e.getMessage() + "; run 'init' to create what is missing", e);
        }
    }

    X509Certificate ca() { return ca; }

    PrivateKey signerKey() { return signerKey; }

    X509Certificate signer() { return signer; }

    String caPem() { return new String(pem(ca), StandardCharsets.US_ASCII); }

    /** A satellite identity certificate: CN = satellite id, clientAuth, digitalSignature, one year. */
    X509Certificate issueSatelliteCertificate(String satelliteId, PublicKey key, Instant now) {
        try {
            Instant start = now.truncatedTo(ChronoUnit.SECONDS);
            Instant end = start.plus(SATELLITE_CERTIFICATE_VALIDITY);
            if (end.isAfter(ca.getNotAfter().toInstant())) {
                end = ca.getNotAfter().toInstant();
            }
            return issue(ca, caKey, new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, satelliteId).build(), key,
                    start, end, KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a satellite certificate", e);
        }
    }

    /** Issued by this CA: same issuer name and a signature that verifies with the CA's key. */
    boolean issuedHere(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Issues the TLS certificate again if it ends within {@link #TLS_RENEW_BEFORE}; returns true if it did. */
    boolean renewTlsIfDue(String upstreamName, Instant now) {
        if (tls.getNotAfter().toInstant().isAfter(now.plus(TLS_RENEW_BEFORE))) {
            return false;
        }
        try {
            issueTls(dir, ca, caKey, upstreamName, tlsNamesOf(tls), now.truncatedTo(ChronoUnit.SECONDS));
            tlsKey = readKey(dir.resolve(TLS_KEY));
            tls = readCertificate(dir.resolve(TLS_CERT));
            return true;
        } catch (IOException | GeneralSecurityException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot renew the TLS certificate: " + e.getMessage(), e);
        }
    }

    /** Server side of the exchange: our TLS key and chain; client certificates must chain to our CA. */
    SSLContext serverTlsContext() {
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("tls", tlsKey, password, new java.security.cert.Certificate[] {tls, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("upstream-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    // --- CSRs and keys -------------------------------------------------------------------------------------------

    static PKCS10CertificationRequest parseCsr(String pem, String what) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
        } catch (IOException | RuntimeException e) {
            // falls through to the refusal below
        }
        throw new IllegalArgumentException(what + " is not a PEM certificate request (PKCS#10)");
    }

    /** The CSR's public key, after checking the CSR is signed by it and that it is an ECDSA P-256 key. */
    static PublicKey verifiedKey(PKCS10CertificationRequest csr, String what) {
        PublicKey key;
        try {
            key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(what + " holds a public key that cannot be read");
        }
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException(what + " must be for an ECDSA P-256 key, not " + key.getAlgorithm());
        }
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                throw new IllegalArgumentException(what + " is not signed by the key it names (no proof of possession)");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new IllegalArgumentException(what + " has a signature that cannot be checked");
        }
        return key;
    }

    /** The subject CN of a CSR, or null. */
    static String commonName(PKCS10CertificationRequest csr) {
        RDN[] rdns = csr.getSubject().getRDNs(BCStyle.CN);
        return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    /** The subject CN of a certificate, or null. */
    static String commonName(X509Certificate certificate) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    static boolean sameKey(PublicKey a, PublicKey b) {
        if (a instanceof ECPublicKey ea && b instanceof ECPublicKey eb) {
            return ea.getW().equals(eb.getW()) && ea.getParams().getCurve().equals(eb.getParams().getCurve());
        }
        return java.util.Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    static X509Certificate parseCertificate(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof X509CertificateHolder holder) {
                return CONVERTER.getCertificate(holder);
            }
            throw new IllegalArgumentException("not a PEM certificate");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
        }
    }

    static String pemText(Object object) {
        return new String(pem(object), StandardCharsets.US_ASCII);
    }

    // --- internals -----------------------------------------------------------------------------------------------

    private static void issueTls(Path dir, X509Certificate caCert, PrivateKey caKey, String upstreamName, Set<String> names,
            Instant now) throws IOException, GeneralSecurityException {
        KeyPair keys = newKeyPair();
        Instant end = now.plus(TLS_VALIDITY);
        if (end.isAfter(caCert.getNotAfter().toInstant())) {
            end = caCert.getNotAfter().toInstant();
        }
        List<GeneralName> san = new ArrayList<>();
        for (String n : names) {
            san.add(isIpAddress(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        X509Certificate cert = issue(caCert, caKey, name(upstreamName + " TLS", upstreamName), keys.getPublic(), now, end,
                KeyUsage.digitalSignature, KeyPurposeId.id_kp_serverAuth, new GeneralNames(san.toArray(GeneralName[]::new)));
        StateFiles.writeSecret(dir.resolve(TLS_KEY), pem(keys.getPrivate()));
        StateFiles.writePublic(dir.resolve(TLS_CERT), pem(cert));
    }

    private static X509Certificate issue(X509Certificate issuer, PrivateKey issuerKey, X500Name subject, PublicKey key,
            Instant start, Instant end, int keyUsage, KeyPurposeId purpose, GeneralNames san)
            throws GeneralSecurityException, IOException {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                Date.from(start.minus(NOT_BEFORE_BACKDATE)), Date.from(end), subject, key);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        if (purpose != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (san != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, san);
        }
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
        return sign(builder, issuerKey);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return CONVERTER.getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign: " + e.getMessage(), e);
        }
    }

    private static Set<String> tlsNamesWith(List<String> extra) {
        Set<String> names = new LinkedHashSet<>(List.of("127.0.0.1", "localhost"));
        names.addAll(extra);
        return names;
    }

    private static Set<String> tlsNamesOf(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> entry : certificate.getSubjectAlternativeNames()) {
                    names.add(String.valueOf(entry.get(1)));
                }
            }
        } catch (GeneralSecurityException e) {
            // no usable SAN: the set stays empty and a new certificate is issued
        }
        return names;
    }

    private static boolean isIpAddress(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    private static X500Name name(String cn, String organisationUnit) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "License Satellite upstream emulator")
                .addRDN(BCStyle.OU, organisationUnit).addRDN(BCStyle.CN, cn).build();
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 is unavailable", e);
        }
    }

    /** 127 random bits with the top one set: positive, unique in practice, always 16 bytes in DER. */
    private static BigInteger serial() {
        return new BigInteger(1, randomBytes(16)).clearBit(127).setBit(126);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            if (parser.readObject() instanceof X509CertificateHolder holder) {
                return CONVERTER.getCertificate(holder);
            }
        }
        throw new IOException(file + " does not hold a PEM certificate");
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            if (parser.readObject() instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
        }
        throw new IOException(file + " does not hold a PEM private key (PKCS#8)");
    }
}
