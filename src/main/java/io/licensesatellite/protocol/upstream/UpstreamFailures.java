package io.licensesatellite.protocol.upstream;

import io.licensesatellite.sync.UpstreamEndpoint;
import io.licensesatellite.sync.UpstreamException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.proxy.HttpProxyHandler.HttpProxyConnectException;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns whatever ended an exchange into the one exception online sync understands, with a message an operator can
 * act on. Retryable unless sending the same request again cannot help: the upstream refused it (4xx), the proxy
 * refused the credentials, the response is over the limit, the URL is wrong.
 *
 * <p>Texts that come from the other side (problem details, reason phrases) are cut and stripped of control
 * characters before they reach a message; credentials never do.
 */
final class UpstreamFailures {
    static final int MAX_QUOTED_CHARS = 300;
    private static final Pattern PROXY_STATUS = Pattern.compile("status: (\\d{3})([^,]*)");
    private static final Pattern TLS_ALERT = Pattern.compile("Received fatal alert: (\\w+)");
    private static final Set<String> CLIENT_CERTIFICATE_ALERTS = Set.of("bad_certificate",
            "certificate_required", "unknown_ca", "certificate_unknown", "access_denied", "certificate_expired",
            "certificate_revoked", "unsupported_certificate");

    private final UpstreamTarget target;
    private final UpstreamEndpoint endpoint;
    private final long maxResponseBytes;

    UpstreamFailures(UpstreamTarget target, UpstreamEndpoint endpoint, long maxResponseBytes) {
        this.target = target;
        this.endpoint = endpoint;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The upstream answered with something other than 200; read up to {@code body}. */
    static final class Answered extends Exception {
        final int status;
        final String reason;
        final String contentType;
        final String location;
        final byte[] body;

        Answered(int status, String reason, String contentType, String location, byte[] body) {
            super(status + " " + reason, null, false, false);
            this.status = status;
            this.reason = reason;
            this.contentType = contentType;
            this.location = location;
            this.body = body;
        }
    }

    /** The whole exchange took longer than the endpoint's exchange timeout. */
    static final class ExchangeTimedOut extends Exception {
        ExchangeTimedOut() {
            super("exchange timed out", null, false, false);
        }
    }

    /** @param declared the Content-Length the upstream announced, or -1 when it was found out while reading */
    static final class ResponseTooLarge extends Exception {
        final long declared;

        ResponseTooLarge(long declared) {
            super("response too large", null, false, false);
            this.declared = declared;
        }
    }

    String url() {
        return target.url();
    }

    UpstreamException of(Throwable failure) {
        if (failure instanceof Answered answered) {
            return answered(answered);
        }
        if (failure instanceof ResponseTooLarge tooLarge) {
            return new UpstreamException("the upstream's response " + (tooLarge.declared >= 0 ? "of " + tooLarge.declared
                    + " bytes " : "") + "is larger than the " + maxResponseBytes + " bytes this satellite accepts "
                    + "(satellite.upstream-door.max-response-size)", false, null);
        }
        if (failure instanceof ExchangeTimedOut) {
            return retryable("timed out after " + seconds(endpoint.exchangeTimeout()) + " waiting for the upstream "
                    + target.url() + " to answer", failure);
        }
        HttpProxyConnectException proxyAnswer = find(failure, HttpProxyConnectException.class);
        if (proxyAnswer != null) {
            return proxyAnswered(proxyAnswer);
        }
        SslHandshakeTimeoutException handshakeTimeout = find(failure, SslHandshakeTimeoutException.class);
        if (handshakeTimeout != null) {
            return retryable("the TLS handshake with the upstream " + target.url() + " did not complete within "
                    + seconds(endpoint.connectTimeout()), failure);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return tls(tls);
        }
        UnknownHostException unknownHost = find(failure, UnknownHostException.class);
        if (unknownHost != null) {
            return retryable(target.viaProxy()
                    ? "cannot resolve the proxy host " + target.proxyAddress() + ": check the proxy setting and DNS"
                    : "cannot resolve the upstream host " + target.host() + ": check the sync URL and the satellite's DNS",
                    failure);
        }
        if (find(failure, ConnectTimeoutException.class) != null || find(failure, SocketTimeoutException.class) != null) {
            return retryable(peer() + " did not accept the connection within " + seconds(endpoint.connectTimeout()), failure);
        }
        ProxyConnectException proxyFailure = find(failure, ProxyConnectException.class);
        if (proxyFailure != null) {
            return retryable("the proxy " + target.proxyAddress() + " did not open a tunnel to the upstream " + target.url()
                    + (String.valueOf(proxyFailure.getMessage()).contains("timeout")
                            ? ": it did not answer within " + seconds(endpoint.connectTimeout()) : ""), failure);
        }
        if (find(failure, NoRouteToHostException.class) != null) {
            return retryable("no route to " + peer() + ": check the network and firewall", failure);
        }
        if (find(failure, ConnectException.class) != null) {
            return retryable(peer() + " refused the connection", failure);
        }
        if (find(failure, HttpClosedException.class) != null || find(failure, IOException.class) != null) {
            return retryable("the upstream " + target.url() + " closed the connection before answering", failure);
        }
        return retryable("the exchange with the upstream " + target.url() + " failed: " + quoted(failure.getMessage()), failure);
    }

    private UpstreamException answered(Answered answer) {
        String statusLine = answer.status + (answer.reason == null || answer.reason.isBlank() ? "" : " " + quoted(answer.reason));
        String detail = problemDetail(answer);
        String because = detail == null ? "" : ": " + detail;
        if (answer.status == 408 || answer.status == 429 || answer.status >= 500) {
            return new UpstreamException("the upstream " + target.url() + " answered " + statusLine + because, true, null);
        }
        if (answer.status >= 400) {
            return new UpstreamException("the upstream refused the request (" + statusLine + ")" + because, false, null);
        }
        if (answer.status >= 300) {
            return new UpstreamException("the upstream answered " + statusLine + (answer.location == null ? ""
                    : " to " + quoted(answer.location)) + "; redirects are not followed: correct the sync URL", false, null);
        }
        return new UpstreamException("the upstream answered " + statusLine + " instead of a response file", false, null);
    }

    /** The {@code detail} (else the {@code title}) of an RFC 9457 problem body; null when there is none. */
    static String problemDetail(Answered answer) {
        String type = answer.contentType == null ? "" : answer.contentType.toLowerCase(Locale.ROOT);
        if (answer.body.length == 0 || !(type.startsWith("application/problem+json") || type.startsWith("application/json"))) {
            return null;
        }
        try {
            JsonObject problem = new JsonObject(Buffer.buffer(answer.body));
            Object detail = problem.getValue("detail");
            Object title = problem.getValue("title");
            Object text = detail instanceof String ? detail : title instanceof String ? title : null;
            return text == null || ((String) text).isBlank() ? null : quoted((String) text);
        } catch (DecodeException | ClassCastException e) {
            return null;  // not a problem body after all (cut at the read limit, or not JSON): the status line says enough
        }
    }

    private UpstreamException proxyAnswered(HttpProxyConnectException answer) {
        Matcher status = PROXY_STATUS.matcher(String.valueOf(answer.getMessage()));
        if (!status.find()) {
            return retryable("the proxy " + target.proxyAddress() + " did not open a tunnel to the upstream " + target.url(), answer);
        }
        int code = Integer.parseInt(status.group(1));
        String statusLine = (code + " " + quoted(status.group(2))).strip();
        UpstreamEndpoint.Proxy proxy = endpoint.proxy();
        if (code == 407) {
            return new UpstreamException(proxy.username() == null
                    ? "the proxy " + target.proxyAddress() + " requires credentials (" + statusLine + ") and none are configured"
                    : "the proxy " + target.proxyAddress() + " refused the credentials of user '" + quoted(proxy.username())
                            + "' (" + statusLine + ")", false, null);
        }
        if (code == 403) {
            return new UpstreamException("the proxy " + target.proxyAddress() + " does not allow a tunnel to the upstream "
                    + target.url() + " (" + statusLine + ")", false, null);
        }
        return retryable("the proxy " + target.proxyAddress() + " did not open a tunnel to the upstream " + target.url()
                + " (" + statusLine + ")", answer);
    }

    private UpstreamException tls(SSLException tls) {
        String message = messages(tls);
        if (find(tls, CertificateExpiredException.class) != null || find(tls, CertificateNotYetValidException.class) != null) {
            return retryable("the upstream's certificate is expired or not yet valid (check this satellite's clock)", tls);
        }
        if (find(tls, CertPathBuilderException.class) != null || find(tls, CertPathValidatorException.class) != null
                || message.contains("PKIX path")) {
            return retryable("the upstream certificate is not issued by the upstream CA this satellite trusts ("
                    + target.url() + "; the CA comes from the authorization file)", tls);
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return retryable("the upstream certificate is not valid for " + target.host() + ": none of its subject "
                    + "alternative names matches the host of the sync URL", tls);
        }
        Matcher alert = TLS_ALERT.matcher(message);
        if (alert.find() && CLIENT_CERTIFICATE_ALERTS.contains(alert.group(1))) {
            return retryable("the upstream " + target.url() + " refused this satellite's client certificate (TLS alert "
                    + alert.group(1) + ")" + (endpoint.clientCertificate() == null ? ": the satellite has none yet"
                            : ": is this satellite registered with that upstream?"), tls);
        }
        if (message.contains("protocol_version") || message.contains("No appropriate protocol")) {
            return retryable("the upstream " + target.url() + " offers neither TLS 1.2 nor TLS 1.3", tls);
        }
        return retryable("the TLS handshake with the upstream " + target.url() + " failed: " + quoted(innermost(tls).getMessage()), tls);
    }

    private String peer() {
        return target.viaProxy() ? "the proxy " + target.proxyAddress() : "the upstream " + target.url();
    }

    private static UpstreamException retryable(String message, Throwable cause) {
        return new UpstreamException(message, true, cause);
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Text from the other side: no control characters (no forged log lines), at most {@value #MAX_QUOTED_CHARS} characters. */
    static String quoted(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= MAX_QUOTED_CHARS ? clean : clean.substring(0, MAX_QUOTED_CHARS) + "...";
    }

    /** Every message along the cause chain: the reason is often a few causes down. */
    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static Throwable innermost(Throwable failure) {
        Throwable last = failure;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            last = t;
        }
        return last;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
