package io.licensesatellite.protocol.smartagent;

import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.pki.IdCertificateRequest;
import io.licensesatellite.pki.IssuedCertificate;
import io.licensesatellite.pki.SatelliteKeys;
import io.licensesatellite.pki.SigningCertificateStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real keys and certificates, in memory: a CA, a signer it issued, and ID certificates on request. */
public final class FakeSatelliteKeys implements SatelliteKeys {
    private final Clock clock;
    private final KeyPair caKeys = DeviceSignatures.generateEcKeyPair();
    private final X509Certificate ca;
    private final AtomicLong serials = new AtomicLong(1000);
    private final Map<String, SigningCertificateStatus> statuses = new ConcurrentHashMap<>();
    private volatile KeyPair signerKeys = DeviceSignatures.generateEcKeyPair();
    private volatile X509Certificate signer;
    private volatile PrivateKey signWith;

    public FakeSatelliteKeys(Clock clock) {
        this.clock = clock;
        Instant now = clock.instant();
        this.ca = certificate("CN=Fake Satellite CA,O=Test", caKeys.getPublic(), BigInteger.ONE, now, now.plus(Duration.ofDays(3650)), true);
        this.signer = certificate("CN=MMI Signer,O=Test", signerKeys.getPublic(), BigInteger.valueOf(7), now, now.plus(Duration.ofDays(730)), false);
        this.signWith = signerKeys.getPrivate();
    }

    /** The satellite now regards this serial (by default the current signer) as expired. */
    public void expire(String serial) {
        statuses.put(serial, SigningCertificateStatus.EXPIRED);
    }

    /** Answers are signed by a key that does not belong to the announced signer certificate. */
    public void signWithWrongKey() {
        signWith = DeviceSignatures.generateEcKeyPair().getPrivate();
    }

    /** A new signer (next serial), also issued by the CA; the old one stays valid. */
    public void rotateSigner() {
        String old = signerSerial();
        statuses.put(old, SigningCertificateStatus.RETIRED_VALID);
        signerKeys = DeviceSignatures.generateEcKeyPair();
        Instant now = clock.instant();
        signer = certificate("CN=MMI Signer,O=Test", signerKeys.getPublic(), BigInteger.valueOf(serials.incrementAndGet()),
                now, now.plus(Duration.ofDays(730)), false);
        signWith = signerKeys.getPrivate();
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    public X509Certificate signerCertificate() {
        return signer;
    }

    @Override
    public String caCertificatePem() {
        return pem(ca);
    }

    @Override
    public String signerCertificatePem() {
        return pem(signer);
    }

    @Override
    public String signerSerial() {
        return signer.getSerialNumber().toString();
    }

    @Override
    public byte[] sign(byte[] data) {
        return DeviceSignatures.sign(signWith, data);
    }

    @Override
    public SigningCertificateStatus signingCertificateStatus(String serial, Instant now) {
        SigningCertificateStatus status = statuses.get(serial);
        if (status != null) {
            return status;
        }
        return serial.equals(signerSerial()) ? SigningCertificateStatus.ACTIVE : SigningCertificateStatus.UNKNOWN;
    }

    @Override
    public IssuedCertificate issueIdCertificate(IdCertificateRequest request) {
        Instant now = clock.instant();
        Instant notAfter = now.plus(Duration.ofDays(365));
        BigInteger serial = BigInteger.valueOf(serials.incrementAndGet());
        X509Certificate certificate = certificate("CN=" + request.commonName() + ",SERIALNUMBER=" + request.productInstanceId() + ",O=Test",
                DeviceSignatures.publicKey(request.publicKeyDer()), serial, now, notAfter, false);
        return new IssuedCertificate(serial.toString(), pem(certificate), now, notAfter);
    }

    @Override
    public Instant signerNotAfter() {
        return signer.getNotAfter().toInstant();
    }

    private X509Certificate certificate(String subject, PublicKey key, BigInteger serial, Instant from, Instant to, boolean isCa) {
        try {
            var builder = new JcaX509v3CertificateBuilder(new X500Name(isCa ? subject : "CN=Fake Satellite CA,O=Test"), serial,
                    Date.from(from.minusSeconds(60)), Date.from(to), new X500Name(subject), key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            var holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(DeviceSignatures.provider())
                    .build(caKeys.getPrivate()));
            return new JcaX509CertificateConverter().setProvider(DeviceSignatures.provider()).getCertificate(holder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
