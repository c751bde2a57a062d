package io.licensesatellite.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** What every certificate the satellite builds has in common. */
final class Certificates {
    /** RFC 5280 caps directory string attributes such as CN and O at 64 characters. */
    static final int MAX_NAME_LENGTH = 64;

    private Certificates() {}

    /** Positive, 64..127 bits: unpredictable enough that a chosen-prefix collision cannot be prepared in advance. */
    static BigInteger randomSerial() {
        BigInteger serial;
        do {
            serial = new BigInteger(127, DeviceSignatures.random());
        } while (serial.bitLength() < 64);
        return serial;
    }

    /** A fresh signer per certificate: BC content signers hold a stream and are not thread-safe. */
    static ContentSigner contentSigner(PrivateKey key) {
        String algorithm = key instanceof ECKey ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return new JcaContentSignerBuilder(algorithm)
                    .setProvider(DeviceSignatures.provider())
                    .setSecureRandom(DeviceSignatures.random())
                    .build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign with a " + key.getAlgorithm() + " key", e);
        }
    }

    /** Not thread-safe either (it holds a digest), hence one per use. */
    static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required for key identifiers", e);
        }
    }

    /** CN first, then O: the order devices and openssl print. An empty organization is left out. */
    static X500Name name(String commonName, String organization) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName);
        if (organization != null && !organization.isBlank()) {
            builder.addRDN(BCStyle.O, organization);
        }
        return builder.build();
    }

    static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    static Date date(Instant instant) {
        return Date.from(instant);
    }

    static Instant notAfter(X509CertificateHolder holder) {
        return holder.getNotAfter().toInstant();
    }

    /** PEM of a certificate (holder or JCA), public key, or a private key as unencrypted PKCS#8. */
    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PrivateKey key) {
                // JcaPEMWriter alone would write the legacy "EC PRIVATE KEY" form; PKCS#8 is what tools expect.
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
