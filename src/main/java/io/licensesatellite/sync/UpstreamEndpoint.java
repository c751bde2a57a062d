package io.licensesatellite.sync;

import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * Where and how to reach the upstream: mutual TLS with the satellite's identity certificate, the server
 * checked against the upstream CA from the authorization file (not the system trust store).
 *
 * @param proxy an HTTPS (CONNECT) proxy, or null for a direct connection
 */
public record UpstreamEndpoint(
        URI syncUrl, X509Certificate upstreamCa, PrivateKey clientKey, X509Certificate clientCertificate,
        Proxy proxy, Duration connectTimeout, Duration exchangeTimeout) {

    /** @param username null when the proxy takes no credentials */
    public record Proxy(String host, int port, String username, String password) {
        @Override
        public String toString() { return "Proxy[" + host + ":" + port + (username == null ? "" : ", user " + username) + "]"; }
    }
}
