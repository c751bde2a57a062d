package io.licensesatellite.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.util.IPAddress;
import org.jboss.logging.Logger;

/**
 * The HTTPS server certificate for a satellite nobody gave one: self-signed, ECDSA P-256. Runs in {@code main} before
 * Quarkus boots, so it needs no CDI.
 */
public final class TlsMaterial {
    private static final Logger LOG = Logger.getLogger(TlsMaterial.class);
    /** The longest validity Apple and browsers still accept for a TLS server certificate. */
    static final Duration VALIDITY = Duration.ofDays(825);
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final Pattern DNS_NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");

    private TlsMaterial() {}

    /**
     * What {@link #ensureSelfSigned} left on disk.
     *
     * @param created true if it wrote a new certificate and key, false if both already existed
     */
    public record Result(Path certFile, Path keyFile, boolean created) {}

    /**
     * Creates a self-signed server certificate and its key unless both files already exist. If only one exists it
     * is replaced with a new pair, since a certificate without its key (or the reverse) is useless.
     *
     * @param commonName the subject CN; {@code localhost} if blank
     * @param dnsNamesAndIps subject alternative names, DNS names or IP literals; {@code localhost} and
     *     {@code 127.0.0.1} are always added
     * @throws IllegalArgumentException if a name is neither a DNS name nor an IP address
     * @throws UncheckedIOException if the files cannot be written
     */
    public static synchronized Result ensureSelfSigned(Path certFile, Path keyFile, String commonName,
            List<String> dnsNamesAndIps, Clock clock) {
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            return new Result(certFile, keyFile, false);
        }
        String subjectName = commonName == null || commonName.isBlank() ? "localhost" : commonName.strip();
        GeneralNames alternativeNames = alternativeNames(dnsNamesAndIps);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(VALIDITY);
        KeyPair keyPair = DeviceSignatures.generateEcKeyPair();
        BigInteger serial = Certificates.randomSerial();
        X500Name name = Certificates.name(Certificates.truncate(subjectName, Certificates.MAX_NAME_LENGTH), null);
        try {
            X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(name, serial, Certificates.date(now.minus(BACKDATE)),
                    Certificates.date(notAfter), name, keyPair.getPublic())
                    // CA:false: Firefox refuses a CA certificate as a server certificate, even a self-signed one.
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames)
                    .addExtension(Extension.subjectKeyIdentifier, false, Certificates.extensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()))
                    .build(Certificates.contentSigner(keyPair.getPrivate()));
            // Key first: a certificate on disk then always has its key beside it.
            PemFiles.writeSecret(keyFile, Certificates.pem(keyPair.getPrivate()));
            PemFiles.writePublic(certFile, Certificates.pem(certificate));
        } catch (CertIOException e) {
            throw new IllegalStateException("Cannot encode the TLS certificate extensions", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the TLS certificate " + certFile + " and key " + keyFile, e);
        }
        LOG.infof("Created a self-signed TLS certificate for %s (valid until %s): %s and %s", subjectName, notAfter, certFile, keyFile);
        return new Result(certFile, keyFile, true);
    }

    private static GeneralNames alternativeNames(List<String> requested) {
        Set<String> names = new LinkedHashSet<>();
        if (requested != null) {
            for (String name : requested) {
                if (name != null && !name.isBlank()) {
                    names.add(unbracket(name.strip()));
                }
            }
        }
        names.add("localhost");
        names.add("127.0.0.1");
        List<GeneralName> generalNames = new ArrayList<>();
        for (String name : names) {
            if (IPAddress.isValid(name)) {
                generalNames.add(new GeneralName(GeneralName.iPAddress, name));
            } else if (DNS_NAME.matcher(name).matches() && name.length() <= 253) {
                generalNames.add(new GeneralName(GeneralName.dNSName, name));
            } else {
                throw new IllegalArgumentException("Not a DNS name or IP address: '" + name + "'");
            }
        }
        return new GeneralNames(generalNames.toArray(GeneralName[]::new));
    }

    /** IPv6 literals are often written as in URLs, {@code [::1]}. */
    private static String unbracket(String name) {
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }
}
