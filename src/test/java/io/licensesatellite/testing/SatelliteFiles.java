package io.licensesatellite.testing;

import io.licensesatellite.sync.file.RegistrationFile;
import io.licensesatellite.sync.file.SyncFileLimits;
import io.licensesatellite.sync.file.SyncFiles;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Files another satellite would write, for tests that need a second satellite. */
public final class SatelliteFiles {
    private SatelliteFiles() {}

    public static byte[] registration(String satelliteId, String name, KeyPair keys, Instant now) throws Exception {
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        X500Name subject = new X500Name("CN=" + satelliteId);
        var csr = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic()).build(signer);
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(csr);
        }
        X509Certificate selfSigned = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                subject, BigInteger.valueOf(now.getEpochSecond()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        return new SyncFiles(SyncFileLimits.defaults()).writeRegistration(
                new RegistrationFile(1, satelliteId, name, "test", now, pem.toString()), keys.getPrivate(), selfSigned);
    }
}
