package io.licensesatellite.protocol.devicepull;

import io.licensesatellite.usage.pull.PullTarget;
import io.licensesatellite.usage.pull.TlsVerification;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust of one exchange with one device: notes the SHA-256 fingerprint of the certificate the device shows,
 * and then, by mode, requires the pinned fingerprint (trust on first use: none pinned yet accepts any), requires a
 * chain to the operator's CA (with the host name checked by the delegate), or accepts anything (insecure).
 */
final class CapturingTrust extends X509ExtendedTrustManager {
    /** Starts the message of a pin mismatch, so the failure mapping can tell it from other handshake failures. */
    static final String PIN_MISMATCH = "certificate fingerprint changed";

    private final TlsVerification mode;
    private final String pinned;
    private final X509ExtendedTrustManager caTrust;
    private volatile String seen;

    private CapturingTrust(TlsVerification mode, String pinned, X509ExtendedTrustManager caTrust) {
        this.mode = mode;
        this.pinned = pinned;
        this.caTrust = caTrust;
    }

    static CapturingTrust of(PullTarget target) {
        X509ExtendedTrustManager ca = target.tlsMode() == TlsVerification.CA ? caTrust(target.caPem()) : null;
        return new CapturingTrust(target.tlsMode(), target.pinnedSha256(), ca);
    }

    /** Lower-case hex SHA-256 of the certificate the device showed; null until a handshake reached the check. */
    String seen() {
        return seen;
    }

    static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot digest the device certificate", e);
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the device showed no certificate");
        }
        seen = fingerprint(chain[0]);
        if (mode == TlsVerification.PINNED && pinned != null && !pinned.equalsIgnoreCase(seen)) {
            throw new CertificateException(PIN_MISMATCH + ": the device showed " + seen + ", the pinned one is " + pinned);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
        if (caTrust != null) {
            caTrust.checkServerTrusted(chain, authType, engine);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
        if (caTrust != null) {
            caTrust.checkServerTrusted(chain, authType, socket);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
        if (caTrust != null) {
            caTrust.checkServerTrusted(chain, authType);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the satellite is the client here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the satellite is the client here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the satellite is the client here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return caTrust == null ? new X509Certificate[0] : caTrust.getAcceptedIssuers();
    }

    private static X509ExtendedTrustManager caTrust(String pem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("The JDK offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("The device's CA PEM cannot be used: " + e.getMessage(), e);
        }
    }
}
