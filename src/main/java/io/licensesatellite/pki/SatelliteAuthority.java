package io.licensesatellite.pki;

import io.licensesatellite.platform.SatelliteConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.jboss.logging.Logger;

/**
 * The satellite's CA and message signer, kept in {@code <data-dir>/pki}: {@code ca.key}/{@code ca.crt}, one
 * {@code signer-<serial>.crt} per signer ever issued (plus the active one's {@code .key}), and {@code signers.properties}
 * naming the active signer and all issued ones. Created on first start, loaded afterwards; every file is replaced
 * atomically so an interrupted start never leaves half a key.
 */
@ApplicationScoped
public class SatelliteAuthority implements SatelliteKeys {
    private static final Logger LOG = Logger.getLogger(SatelliteAuthority.class);

    static final String CA_KEY = "ca.key";
    static final String CA_CERT = "ca.crt";
    static final String SIGNER_INDEX = "signers.properties";
    private static final String CA_NAME_PREFIX = "License Satellite CA ";
    private static final String SIGNER_NAME = "Satellite Signer";

    private final SatelliteConfig satellite;
    private final PkiConfig pki;
    private final Clock clock;
    private final Path directory;
    private final ReentrantLock lock = new ReentrantLock();
    /** Replaced whole under {@link #lock}; readers never lock. */
    private volatile State state;

    private record Ca(PrivateKey key, X509CertificateHolder certificate, String pem, byte[] keyId, Instant notAfter) {}

    private record Signer(BigInteger serial, PrivateKey key, String pem, Instant notAfter) {}

    /** {@code issued} maps every signer serial this satellite issued, the active one included, to its notAfter. */
    private record State(Ca ca, Signer active, Map<BigInteger, Instant> issued) {}

    @Inject
    public SatelliteAuthority(SatelliteConfig satellite, PkiConfig pki, Clock clock) {
        this.satellite = satellite;
        this.pki = pki;
        this.clock = clock;
        this.directory = Path.of(satellite.dataDir()).resolve("pki");
    }

    /** On boot rather than on first use, so the files exist (and problems show) before any device calls. */
    void onStartup(@Observes StartupEvent event) {
        start();
    }

    /** Rotates the signer on schedule; the first run at boot is harmless since {@link #start()} already checked. */
    @Scheduled(every = "6h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rotateOnSchedule() {
        rotateSignerIfDue(clock.instant());
    }

    /**
     * Loads the CA and signer from disk, creating whatever is missing, then rotates the signer if it is due.
     * Idempotent; every other method calls it if it has not run.
     */
    public void start() {
        lock.lock();
        try {
            if (state != null) {
                return;
            }
            requireSaneConfiguration();
            Instant now = now();
            PemFiles.createPrivateDirectory(directory);
            Ca ca = loadOrCreateCa(now);
            state = loadOrCreateSigners(ca, now);
            rotateIfDue(now);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load or create the satellite keys in " + directory, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Issues a new signer if the active one has less than {@link PkiConfig#signerRotateBefore()} left at {@code now}.
     * The previous signer's certificate stays known (RETIRED_VALID until it expires); its key is deleted.
     *
     * @return whether a new signer was issued
     */
    public boolean rotateSignerIfDue(Instant now) {
        state();
        lock.lock();
        try {
            return rotateIfDue(now.truncatedTo(ChronoUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate the message signer in " + directory, e);
        } finally {
            lock.unlock();
        }
    }

    /** Where the key files live: {@code <data-dir>/pki}. */
    public Path directory() {
        return directory;
    }

    @Override
    public String caCertificatePem() {
        return state().ca().pem();
    }

    @Override
    public String signerCertificatePem() {
        return state().active().pem();
    }

    @Override
    public String signerSerial() {
        return state().active().serial().toString();
    }

    @Override
    public Instant signerNotAfter() {
        return state().active().notAfter();
    }

    @Override
    public byte[] sign(byte[] data) {
        return DeviceSignatures.sign(state().active().key(), data);
    }

    @Override
    public SigningCertificateStatus signingCertificateStatus(String serial, Instant now) {
        BigInteger number = parseSerial(serial);
        State current = state();
        Instant notAfter = number == null ? null : current.issued().get(number);
        if (notAfter == null) {
            return SigningCertificateStatus.UNKNOWN;
        }
        if (now.isAfter(notAfter)) {
            return SigningCertificateStatus.EXPIRED;
        }
        return number.equals(current.active().serial()) ? SigningCertificateStatus.ACTIVE : SigningCertificateStatus.RETIRED_VALID;
    }

    @Override
    public IssuedCertificate issueIdCertificate(IdCertificateRequest request) {
        Objects.requireNonNull(request, "request");
        String commonName = requireName(request.commonName(), "commonName");
        String instanceId = requireName(request.productInstanceId(), "productInstanceId");
        if (!DERPrintableString.isPrintableString(instanceId)) {
            throw new IllegalArgumentException("productInstanceId must be a PrintableString (letters, digits, space, '()+,-./:=?)");
        }
        DeviceSignatures.acceptedDeviceKey(request.publicKeyDer());
        // The device's own encoding goes into the certificate, rather than a re-encoding of a parsed key.
        SubjectPublicKeyInfo devicePublicKey = SubjectPublicKeyInfo.getInstance(request.publicKeyDer());

        Ca ca = state().ca();
        Instant now = now();
        Instant notBefore = now.minus(pki.notBeforeBackdate());
        Instant notAfter = earliest(now.plus(pki.idCertificateLifetime()), ca.notAfter());
        BigInteger serial = Certificates.randomSerial();
        // SERIALNUMBER as PrintableString, as in Cisco-issued ID certificates that device firmware parses.
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.SERIALNUMBER, new DERPrintableString(instanceId));
        if (!pki.subjectOrganization().isBlank()) {
            subject.addRDN(BCStyle.O, organization());
        }
        JcaX509ExtensionUtils keyIds = Certificates.extensionUtils();
        try {
            X509CertificateHolder certificate = new X509v3CertificateBuilder(ca.certificate().getSubject(), serial,
                    Certificates.date(notBefore), Certificates.date(notAfter), subject.build(), devicePublicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, keyIds.createSubjectKeyIdentifier(devicePublicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(ca.keyId()))
                    .build(Certificates.contentSigner(ca.key()));
            return new IssuedCertificate(serial.toString(), Certificates.pem(certificate), notBefore, notAfter);
        } catch (CertIOException e) {
            throw new IllegalStateException("Cannot encode ID certificate extensions", e);
        }
    }

    // --- loading and creating -----------------------------------------------------------------------------------

    private State state() {
        State current = state;
        if (current == null) {
            start();
            current = state;
        }
        return current;
    }

    private Ca loadOrCreateCa(Instant now) throws IOException {
        Path keyFile = directory.resolve(CA_KEY);
        Path certFile = directory.resolve(CA_CERT);
        if (Files.exists(certFile)) {
            if (!Files.exists(keyFile)) {
                throw new IllegalStateException(certFile + " exists but " + keyFile + " is missing: restore the key from a backup, "
                        + "or remove " + directory + " to create a new CA (every device would then have to register again)");
            }
            X509CertificateHolder certificate = PemFiles.readCertificate(certFile);
            PrivateKey key = readKey(keyFile);
            requireMatch(key, certificate, certFile);
            LOG.infof("Loaded the satellite CA %s (valid until %s) from %s", certificate.getSerialNumber(), Certificates.notAfter(certificate), certFile);
            return ca(key, certificate);
        }
        if (Files.exists(keyFile)) {
            // The key is written first, so a key without a certificate is an interrupted first start: nobody can trust it yet.
            LOG.warnf("%s exists without %s (interrupted first start?); replacing it with a new CA", keyFile, certFile);
        }
        return createCa(now, keyFile, certFile);
    }

    private Ca createCa(Instant now, Path keyFile, Path certFile) throws IOException {
        KeyPair keyPair = DeviceSignatures.generateEcKeyPair();
        BigInteger serial = Certificates.randomSerial();
        String commonName = Certificates.truncate(CA_NAME_PREFIX + satellite.name(), Certificates.MAX_NAME_LENGTH);
        X500Name name = Certificates.name(commonName, organization());
        Instant notAfter = now.plus(pki.caLifetime());
        X509CertificateHolder certificate;
        try {
            certificate = new JcaX509v3CertificateBuilder(name, serial, Certificates.date(now.minus(pki.notBeforeBackdate())),
                    Certificates.date(notAfter), name, keyPair.getPublic())
                    // pathLen 0: the satellite CA issues end-entity certificates only.
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, Certificates.extensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()))
                    .build(Certificates.contentSigner(keyPair.getPrivate()));
        } catch (CertIOException e) {
            throw new IllegalStateException("Cannot encode CA certificate extensions", e);
        }
        PemFiles.writeSecret(keyFile, Certificates.pem(keyPair.getPrivate()));
        PemFiles.writePublic(certFile, Certificates.pem(certificate));
        LOG.infof("Created the satellite CA %s (valid until %s): %s and %s", serial, notAfter, certFile, keyFile);
        return ca(keyPair.getPrivate(), certificate);
    }

    private State loadOrCreateSigners(Ca ca, Instant now) throws IOException {
        Path indexFile = directory.resolve(SIGNER_INDEX);
        if (!Files.exists(indexFile)) {
            Signer signer = createSigner(ca, now);
            Map<BigInteger, Instant> issued = new LinkedHashMap<>();
            issued.put(signer.serial(), signer.notAfter());
            writeIndex(signer.serial(), issued.keySet());
            return new State(ca, signer, Collections.unmodifiableMap(issued));
        }
        Properties index = new Properties();
        index.load(new StringReader(PemFiles.read(indexFile)));
        BigInteger activeSerial = parseSerial(index.getProperty("active"));
        if (activeSerial == null) {
            throw new IllegalStateException(indexFile + " names no valid active signer");
        }
        Map<BigInteger, Instant> issued = new LinkedHashMap<>();
        for (String entry : index.getProperty("issued", "").split(",")) {
            BigInteger serial = parseSerial(entry);
            if (serial == null || serial.equals(activeSerial)) {
                continue;
            }
            Path certFile = signerCertFile(serial);
            if (!Files.exists(certFile)) {
                LOG.warnf("Retired signer certificate %s is missing; devices naming signer %s will be told it is unknown", certFile, serial);
                continue;
            }
            X509CertificateHolder certificate = PemFiles.readCertificate(certFile);
            requireIssuedBy(certificate, ca, certFile);
            issued.put(serial, Certificates.notAfter(certificate));
        }
        Path certFile = signerCertFile(activeSerial);
        X509CertificateHolder certificate = PemFiles.readCertificate(certFile);
        requireIssuedBy(certificate, ca, certFile);
        PrivateKey key = readKey(signerKeyFile(activeSerial));
        requireMatch(key, certificate, certFile);
        Signer active = new Signer(activeSerial, key, Certificates.pem(certificate), Certificates.notAfter(certificate));
        issued.put(activeSerial, active.notAfter());
        LOG.infof("Loaded message signer %s (valid until %s) from %s", activeSerial, active.notAfter(), certFile);
        return new State(ca, active, Collections.unmodifiableMap(issued));
    }

    private boolean rotateIfDue(Instant now) throws IOException {
        State current = state;
        Signer active = current.active();
        if (!now.plus(pki.signerRotateBefore()).isAfter(active.notAfter())) {
            return false;
        }
        if (!earliest(now.plus(pki.signerLifetime()), current.ca().notAfter()).isAfter(active.notAfter())) {
            LOG.warnf("Message signer %s expires %s and is due for rotation, but the satellite CA expires %s so a new signer "
                    + "would not last longer: the CA must be renewed", active.serial(), active.notAfter(), current.ca().notAfter());
            return false;
        }
        Signer next = createSigner(current.ca(), now);
        Map<BigInteger, Instant> issued = new LinkedHashMap<>(current.issued());
        issued.put(next.serial(), next.notAfter());
        // The index switches to the new signer last: an interruption before it leaves the old signer in charge.
        writeIndex(next.serial(), issued.keySet());
        state = new State(current.ca(), next, Collections.unmodifiableMap(issued));
        // A retired signer only has to be recognised, never to sign again.
        Files.deleteIfExists(signerKeyFile(active.serial()));
        LOG.infof("Rotated the message signer: %s replaces %s, which is still accepted until %s", next.serial(), active.serial(), active.notAfter());
        return true;
    }

    private Signer createSigner(Ca ca, Instant now) throws IOException {
        KeyPair keyPair = DeviceSignatures.generateEcKeyPair();
        BigInteger serial = Certificates.randomSerial();
        Instant notAfter = earliest(now.plus(pki.signerLifetime()), ca.notAfter());
        JcaX509ExtensionUtils keyIds = Certificates.extensionUtils();
        X509CertificateHolder certificate;
        try {
            certificate = new JcaX509v3CertificateBuilder(ca.certificate().getSubject(), serial,
                    Certificates.date(now.minus(pki.notBeforeBackdate())), Certificates.date(notAfter),
                    Certificates.name(SIGNER_NAME, organization()), keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, keyIds.createSubjectKeyIdentifier(keyPair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(ca.keyId()))
                    .build(Certificates.contentSigner(ca.key()));
        } catch (CertIOException e) {
            throw new IllegalStateException("Cannot encode signer certificate extensions", e);
        }
        String pem = Certificates.pem(certificate);
        PemFiles.writeSecret(signerKeyFile(serial), Certificates.pem(keyPair.getPrivate()));
        PemFiles.writePublic(signerCertFile(serial), pem);
        LOG.infof("Issued message signer %s (valid until %s): %s", serial, notAfter, signerCertFile(serial));
        return new Signer(serial, keyPair.getPrivate(), pem, notAfter);
    }

    private void writeIndex(BigInteger active, Iterable<BigInteger> issued) throws IOException {
        List<String> serials = new ArrayList<>();
        issued.forEach(serial -> serials.add(serial.toString()));
        PemFiles.writePublic(directory.resolve(SIGNER_INDEX), """
                # License Satellite message signers (decimal serials). The active one signs every answer to a device;
                # the others are retired and still recognised until their certificates expire.
                active=%s
                issued=%s
                """.formatted(active, serials.stream().collect(Collectors.joining(","))));
    }

    private PrivateKey readKey(Path keyFile) throws IOException {
        if (PemFiles.restrictToOwner(keyFile)) {
            LOG.warnf("%s was readable by others; restricted it to its owner (0600)", keyFile);
        }
        try {
            return DeviceSignatures.parsePrivateKey(PemFiles.read(keyFile));
        } catch (IllegalArgumentException e) {
            // The parser's message never quotes key material.
            throw new IllegalStateException("Cannot read " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private Ca ca(PrivateKey key, X509CertificateHolder certificate) {
        SubjectKeyIdentifier keyId = SubjectKeyIdentifier.fromExtensions(certificate.getExtensions());
        if (keyId == null) {
            keyId = Certificates.extensionUtils().createSubjectKeyIdentifier(certificate.getSubjectPublicKeyInfo());
        }
        return new Ca(key, certificate, Certificates.pem(certificate), keyId.getKeyIdentifier(), Certificates.notAfter(certificate));
    }

    /** A probe signature: cheaper to reason about than deriving public keys, and works for any key type. */
    private static void requireMatch(PrivateKey key, X509CertificateHolder certificate, Path certFile) {
        byte[] probe = "license-satellite key check".getBytes(StandardCharsets.US_ASCII);
        PublicKey publicKey;
        try {
            publicKey = DeviceSignatures.publicKey(certificate.getSubjectPublicKeyInfo().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the public key of " + certFile, e);
        }
        if (!DeviceSignatures.verify(publicKey, probe, DeviceSignatures.sign(key, probe))) {
            throw new IllegalStateException("The private key next to " + certFile + " does not belong to that certificate");
        }
    }

    private static void requireIssuedBy(X509CertificateHolder certificate, Ca ca, Path certFile) {
        boolean valid;
        try {
            valid = certificate.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(DeviceSignatures.provider()).build(ca.certificate()));
        } catch (OperatorCreationException | CertException | CertificateException e) {
            throw new IllegalStateException("Cannot check the signature of " + certFile, e);
        }
        if (!valid) {
            throw new IllegalStateException(certFile + " was not issued by the satellite CA in " + certFile.getParent());
        }
    }

    private void requireSaneConfiguration() {
        requirePositive(pki.idCertificateLifetime(), "satellite.pki.id-certificate-lifetime");
        requirePositive(pki.caLifetime(), "satellite.pki.ca-lifetime");
        requirePositive(pki.signerLifetime(), "satellite.pki.signer-lifetime");
        if (pki.notBeforeBackdate().isNegative()) {
            throw new IllegalStateException("satellite.pki.not-before-backdate must not be negative");
        }
        if (pki.signerRotateBefore().isNegative() || pki.signerRotateBefore().compareTo(pki.signerLifetime()) >= 0) {
            // Otherwise every fresh signer would already be due, and each check would issue another.
            throw new IllegalStateException("satellite.pki.signer-rotate-before (" + pki.signerRotateBefore()
                    + ") must be shorter than satellite.pki.signer-lifetime (" + pki.signerLifetime() + ")");
        }
    }

    private static void requirePositive(Duration duration, String key) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalStateException(key + " must be positive, not " + duration);
        }
    }

    private static String requireName(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > Certificates.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + Certificates.MAX_NAME_LENGTH + " characters");
        }
        return value;
    }

    private String organization() {
        return Certificates.truncate(pki.subjectOrganization().strip(), Certificates.MAX_NAME_LENGTH);
    }

    private Path signerKeyFile(BigInteger serial) {
        return directory.resolve("signer-" + serial + ".key");
    }

    private Path signerCertFile(BigInteger serial) {
        return directory.resolve("signer-" + serial + ".crt");
    }

    /** Certificates carry whole seconds; truncating here makes the returned times equal the encoded ones. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static BigInteger parseSerial(String serial) {
        if (serial == null || serial.isBlank()) {
            return null;
        }
        try {
            BigInteger number = new BigInteger(serial.strip());
            return number.signum() > 0 ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
