package io.licensesatellite.upstream;

import io.licensesatellite.sync.file.AuthorizationFile;
import io.licensesatellite.sync.file.RegistrationFile;
import io.licensesatellite.sync.file.SyncFileLimits;
import io.licensesatellite.sync.file.SyncFiles;
import io.licensesatellite.sync.file.SyncRequestFile;
import io.licensesatellite.sync.file.SyncRequestFile.Event;
import io.licensesatellite.sync.file.SyncRequestFile.Instance;
import io.licensesatellite.sync.file.SyncRequestFile.LicenseInUse;
import io.licensesatellite.sync.file.SyncRequestFile.Payload;
import io.licensesatellite.sync.file.SyncRequestFile.TagUsage;
import io.licensesatellite.sync.file.SyncRequestFile.VirtualAccountUsage;
import io.licensesatellite.sync.file.SyncResponseFile;
import io.licensesatellite.sync.file.SyncType;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The satellite side, played by the tests: an ECDSA P-256 identity key, a registration file signed with a
 * self-signed certificate of it, and sync requests signed with the certificate the upstream issued.
 */
final class PlayedSatellite {
    static final String SMART_ACCOUNT = UpstreamFixtures.SMART_ACCOUNT;
    static final String SOFTWARE_VERSION = "0.1.0";
    static final SyncFiles FILES = new SyncFiles(SyncFileLimits.defaults());

    final String id;
    final String name;
    private final Clock clock;
    private String smartAccount = SMART_ACCOUNT;
    private KeyPair keys;
    private X509Certificate selfSigned;
    private X509Certificate certificate;

    private PlayedSatellite(String id, String name, Clock clock) {
        this.id = id;
        this.name = name;
        this.clock = clock;
        newKey();
    }

    static PlayedSatellite named(String name, Clock clock) {
        return new PlayedSatellite(UUID.randomUUID().toString(), name, clock);
    }

    /** A satellite registered to ACME Corp with the given VAs, holding the certificate the upstream issued. */
    static PlayedSatellite registered(UpstreamEmulator emulator, Clock clock, String... virtualAccounts) {
        PlayedSatellite satellite = named("lab-satellite", clock);
        satellite.accept(emulator.register(satellite.registrationFile(), SMART_ACCOUNT, List.of(virtualAccounts), null));
        return satellite;
    }

    /** Throws the key away for a new one (for a registration again with another key). */
    void newKey() {
        keys = newKeyPair();
        selfSigned = selfSigned(keys, "CN=" + id, clock.instant());
    }

    byte[] registrationFile() {
        RegistrationFile file = new RegistrationFile(1, id, name, SOFTWARE_VERSION, now(), csr(keys, "CN=" + id));
        return FILES.writeRegistration(file, keys.getPrivate(), selfSigned);
    }

    void accept(UpstreamEmulator.Registered registered) {
        accept(registered.authorization());
    }

    void accept(AuthorizationFile authorization) {
        certificate = parse(authorization.satelliteCertificatePem());
    }

    /** Applies the renewed certificate of a response, if it carries one. */
    void apply(SyncResponseFile response) {
        if (response.renewedCertificatePem() != null) {
            certificate = parse(response.renewedCertificatePem());
        }
    }

    X509Certificate certificate() { return certificate; }

    /** The Smart Account its requests name (ACME Corp unless told otherwise). */
    PlayedSatellite inSmartAccount(String name) {
        smartAccount = name;
        return this;
    }

    KeyPair keys() { return keys; }

    String renewalCsr() { return csr(keys, "CN=" + id); }

    /** A standard request with usage, one instance and one event. */
    byte[] standard(long sequence, Long acknowledged) {
        return request(sequence, SyncType.STANDARD, acknowledged, payload());
    }

    byte[] full(long sequence, Long acknowledged) {
        return request(sequence, SyncType.FULL, acknowledged, payload());
    }

    byte[] request(long sequence, SyncType type, Long acknowledged, Payload payload) {
        return signedBy(header(id, sequence, type, acknowledged), payload, keys.getPrivate(), certificate);
    }

    SyncRequestFile.Header header(String satelliteId, long sequence, SyncType type, Long acknowledged) {
        return new SyncRequestFile.Header(1, satelliteId, name, sequence, type, now(), acknowledged, SOFTWARE_VERSION);
    }

    static byte[] signedBy(SyncRequestFile.Header header, Payload payload, PrivateKey key, X509Certificate signer) {
        return FILES.writeRequest(new SyncRequestFile(header, payload), key, signer);
    }

    Payload payload() {
        return payload(List.of(instance("inst-1", "FOC0001")), List.of(), List.of(event(1, "inst-1")), null);
    }

    Payload payload(List<Instance> instances, List<String> removed, List<Event> events, String renewalCsr) {
        return new Payload(smartAccount, List.of(new VirtualAccountUsage("Campus",
                List.of(new TagUsage(UpstreamFixtures.NETWORK_ADVANTAGE, 10, 12, 2)))), instances, removed, events, renewalCsr);
    }

    Instance instance(String instanceId, String serial) {
        Instant at = now();
        return new Instance(instanceId, "C9300-24T", serial, null, "sw-" + serial, "Campus", "AUTHORIZED", false, "1234",
                at.plus(Duration.ofDays(365)), at, at, at.plus(Duration.ofDays(90)),
                List.of(new LicenseInUse(UpstreamFixtures.NETWORK_ADVANTAGE, 1, true)));
    }

    Event event(long eventId, String instanceId) {
        return new Event(eventId, now(), instanceId, "PID:C9300-24T,SN:FOC0001", "Campus", "REGISTERED", null);
    }

    /** Client side of mutual TLS: this satellite's key and certificate, trusting only {@code ca}. */
    SSLContext clientTls(X509Certificate ca) {
        return clientTls(keys.getPrivate(), certificate, ca);
    }

    static SSLContext clientTls(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
        try {
            char[] password = new char[0];
            KeyManagerFactory kmf = null;
            if (key != null) {
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                keyStore.setKeyEntry("client", key, password, new java.security.cert.Certificate[] {certificate});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, password);
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("upstream", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate; also the stand-in for "a CA that is not the upstream's". */
    static X509Certificate selfSigned(KeyPair keys, String subject, Instant now) {
        return issued(new X500Name(subject), keys, new X500Name(subject), keys.getPrivate(), now);
    }

    static X509Certificate issued(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey, Instant now) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(365))), subject,
                    subjectKeys.getPublic());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String csr(KeyPair keys, String subject) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic()).build(signer);
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(csr);
            }
            return text.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate parse(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
