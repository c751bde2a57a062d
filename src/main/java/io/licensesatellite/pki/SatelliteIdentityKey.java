package io.licensesatellite.pki;

import io.licensesatellite.platform.SatelliteConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.jboss.logging.Logger;

/**
 * The satellite's identity towards the upstream: one ECDSA P-256 key in {@code <data-dir>/pki}, created at first
 * start and kept for the satellite's life. It signs sync requests and is the client key of online sync; the
 * upstream certifies it at registration and renews that certificate through sync.
 */
@ApplicationScoped
public class SatelliteIdentityKey {
    private static final Logger LOG = Logger.getLogger(SatelliteIdentityKey.class);
    static final String KEY_FILE = "satellite-identity.key";
    static final String PUBLIC_FILE = "satellite-identity.pub";
    /** Only long enough to carry a registration file upstream; the upstream's certificate replaces it. */
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(30);

    private final Path directory;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile KeyPair keys;

    public SatelliteIdentityKey(SatelliteConfig satellite) {
        this.directory = Path.of(satellite.dataDir()).resolve("pki");
    }

    void onStartup(@Observes StartupEvent event) {
        keys();
    }

    public PrivateKey privateKey() { return keys().getPrivate(); }

    public PublicKey publicKey() { return keys().getPublic(); }

    /** Whether a certificate (from the upstream, say) is for this satellite's key. */
    public boolean isCertified(X509Certificate certificate) {
        return Arrays.equals(certificate.getPublicKey().getEncoded(), publicKey().getEncoded());
    }

    /** PKCS#10 (PEM) with subject CN = the satellite id, as the registration file and renewals carry it. */
    public String csrPem(String satelliteId) {
        byte[] der = DeviceSignatures.createCsr(keys(), "CN=" + satelliteId);
        return "-----BEGIN CERTIFICATE REQUEST-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    /** A self-signed certificate of the key, to sign the registration file before any upstream has certified it. */
    public X509Certificate selfSigned(String satelliteId, Instant now) {
        Instant from = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
        try {
            var builder = new JcaX509v3CertificateBuilder(Certificates.name(satelliteId, "License Satellite"),
                    Certificates.randomSerial(), Certificates.date(from), Certificates.date(from.plus(SELF_SIGNED_VALIDITY)),
                    Certificates.name(satelliteId, "License Satellite"), publicKey());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509CertificateHolder holder = builder.build(Certificates.contentSigner(privateKey()));
            return new JcaX509CertificateConverter().setProvider(DeviceSignatures.provider()).getCertificate(holder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException("Cannot build the registration certificate", e);
        }
    }

    private KeyPair keys() {
        KeyPair current = keys;
        if (current != null) {
            return current;
        }
        lock.lock();
        try {
            if (keys == null) {
                keys = loadOrCreate();
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load or create the satellite identity key in " + directory, e);
        } finally {
            lock.unlock();
        }
    }

    private KeyPair loadOrCreate() throws IOException {
        PemFiles.createPrivateDirectory(directory);
        Path keyFile = directory.resolve(KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_FILE);
        if (Files.exists(keyFile) && Files.exists(publicFile)) {
            if (PemFiles.restrictToOwner(keyFile)) {
                LOG.warnf("%s was readable by others; restricted it to its owner (0600)", keyFile);
            }
            PrivateKey key = DeviceSignatures.parsePrivateKey(PemFiles.read(keyFile));
            PublicKey publicKey = readPublicKey(publicFile);
            byte[] probe = "license-satellite identity check".getBytes(StandardCharsets.US_ASCII);
            if (!DeviceSignatures.verify(publicKey, probe, DeviceSignatures.sign(key, probe))) {
                throw new IllegalStateException(keyFile + " and " + publicFile + " are not one key pair");
            }
            return new KeyPair(publicKey, key);
        }
        KeyPair created = DeviceSignatures.generateEcKeyPair();
        // Public half first: a crash in between leaves no private key without its public key to check it against.
        PemFiles.writePublic(publicFile, DeviceSignatures.toPem(created.getPublic()));
        PemFiles.writeSecret(keyFile, DeviceSignatures.toPem(created.getPrivate()));
        LOG.infof("Created the satellite identity key in %s", keyFile);
        return created;
    }

    private static PublicKey readPublicKey(Path file) throws IOException {
        Object object = PemFiles.readObject(Files.newBufferedReader(file, StandardCharsets.US_ASCII));
        if (object instanceof org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info) {
            return DeviceSignatures.publicKey(info.getEncoded());
        }
        throw new IOException(file + " does not hold a PEM public key");
    }
}
