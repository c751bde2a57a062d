package io.licensesatellite.protocol.upstream;

import io.licensesatellite.sync.UpstreamEndpoint;
import io.licensesatellite.sync.UpstreamException;
import java.net.URI;

/**
 * Where one exchange goes, taken apart from the sync URL and checked: HTTPS only (the exchange is mutual TLS), no
 * credentials in the URL (they would end up in logs).
 *
 * @param url {@code https://host:port}, for operator messages; never the path, which may carry a tenant
 */
record UpstreamTarget(String host, int port, String pathAndQuery, String url, String proxyAddress) {

    static UpstreamTarget of(UpstreamEndpoint endpoint) throws UpstreamException {
        URI syncUrl = endpoint.syncUrl();
        if (syncUrl == null || !"https".equalsIgnoreCase(syncUrl.getScheme()) || syncUrl.getHost() == null) {
            throw new UpstreamException("the upstream sync URL must be an absolute https:// URL, not "
                    + (syncUrl == null ? "nothing" : "'" + withoutUserInfo(syncUrl) + "'"), false, null);
        }
        if (syncUrl.getRawUserInfo() != null) {
            throw new UpstreamException("the upstream sync URL must not carry credentials: " + withoutUserInfo(syncUrl)
                    + " (the satellite authenticates with its certificate)", false, null);
        }
        if (endpoint.upstreamCa() == null) {
            throw new UpstreamException("no upstream CA to check the upstream's certificate against: import the "
                    + "authorization file first", false, null);
        }
        if ((endpoint.clientKey() == null) != (endpoint.clientCertificate() == null)) {
            throw new IllegalArgumentException("the client key and certificate go together: one of them is missing");
        }
        String host = unbracket(syncUrl.getHost());
        int port = syncUrl.getPort() < 0 ? 443 : syncUrl.getPort();
        String path = syncUrl.getRawPath() == null || syncUrl.getRawPath().isEmpty() ? "/" : syncUrl.getRawPath();
        String pathAndQuery = syncUrl.getRawQuery() == null ? path : path + "?" + syncUrl.getRawQuery();
        UpstreamEndpoint.Proxy proxy = endpoint.proxy();
        return new UpstreamTarget(host, port, pathAndQuery, "https://" + syncUrl.getHost() + ":" + port,
                proxy == null ? null : proxy.host() + ":" + proxy.port());
    }

    boolean viaProxy() {
        return proxyAddress != null;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
