package io.licensesatellite.protocol.devicepull;

import io.licensesatellite.usage.pull.DevicePullException;
import io.licensesatellite.usage.pull.DeviceUsageChannel;
import io.licensesatellite.usage.pull.PullConfig;
import io.licensesatellite.usage.pull.PullResult;
import io.licensesatellite.usage.pull.PullTarget;
import io.licensesatellite.usage.pull.TlsVerification;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The device-pull door: the satellite as a client of a device's smartlic REST API ({@code /smartlic-service}),
 * Basic auth and {@code FOXY-API-VERSION: 1} on every request, like Cisco's own sample collector.
 *
 * <p>Built on the Vert.x client Quarkus already runs: the trust is per device (pinned fingerprint, the operator's CA,
 * or none when chosen) and host-name checking is per client, which {@code java.net.http} can only switch off for
 * the whole process. A client is made per pull and closed after it; pulls are daily, connections are not worth
 * keeping.
 *
 * <p>Every answer is bounded: the reports by the configured size, the rest by {@link #MAX_SMALL_ANSWER}; the JSON
 * by its nesting depth. Calls block their (pull) thread and are refused on an event loop.
 */
@ApplicationScoped
public class DevicePullClient implements DeviceUsageChannel {
    static final String BASE = "/smartlic-service";
    /** close-reports and import answer a status; a few kilobytes is plenty. */
    static final int MAX_SMALL_ANSWER = 64 * 1024;
    /** Added to the sum of the timeouts for the blocking wait, which only guards against a timer that never fires. */
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final long maxResponseBytes;

    @Inject
    DevicePullClient(Vertx vertx, PullConfig config) {
        this(vertx, config.connectTimeout(), config.requestTimeout(), config.maxResponseSize().asLongValue());
    }

    public DevicePullClient(Vertx vertx, Duration connectTimeout, Duration requestTimeout, long maxResponseBytes) {
        if (maxResponseBytes < 1024 || maxResponseBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("satellite.usage.pull.max-response-size must be 1K to 2G, not " + maxResponseBytes);
        }
        this.vertx = vertx;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    @Override
    public Fetched fetchReports(PullTarget target) throws DevicePullException {
        CapturingTrust trust = target.https() ? CapturingTrust.of(target) : null;
        HttpClient client = client(target, trust);
        try {
            Answer closed = await(send(client, target, HttpMethod.POST, BASE + "/close-reports", null, MAX_SMALL_ANSWER),
                    "close-reports", trust);
            expectSuccess(closed, "close-reports", false);
            Answer reports = await(send(client, target, HttpMethod.GET, BASE + "/all-reports", null, maxResponseBytes),
                    "all-reports", trust);
            expectSuccess(reports, "all-reports", true);
            try {
                List<byte[]> wrappers = AllReportsJson.wrappers(reports.body());
                return new Fetched(wrappers, trust == null ? null : trust.seen());
            } catch (AllReportsJson.MalformedAnswer e) {
                throw new DevicePullException(PullResult.BAD_RESPONSE, "all-reports: " + e.getMessage());
            }
        } finally {
            client.close();
        }
    }

    /** Sends the file base64-encoded in a JSON object: {@code {"data": "<base64>"}}. */
    @Override
    public void importFile(PullTarget target, byte[] file) throws DevicePullException {
        CapturingTrust trust = target.https() ? CapturingTrust.of(target) : null;
        HttpClient client = client(target, trust);
        try {
            byte[] body = ("{\"data\":\"" + Base64.getEncoder().encodeToString(file) + "\"}").getBytes(StandardCharsets.US_ASCII);
            Answer answer = await(send(client, target, HttpMethod.POST, BASE + "/import", body, MAX_SMALL_ANSWER), "import", trust);
            expectSuccess(answer, "import", false);
        } finally {
            client.close();
        }
    }

    private record Answer(int status, String statusMessage, byte[] body) {}

    private static final class TimedOut extends Exception {
        TimedOut() {
            super(null, null, false, false);
        }
    }

    private static final class TooLarge extends Exception {
        TooLarge(long limit) {
            super("the answer is larger than " + limit + " bytes", null, false, false);
        }
    }

    private HttpClient client(PullTarget target, CapturingTrust trust) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("A device pull blocks until the device answers; never call it on an event loop");
        }
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setUseAlpn(false)
                .setKeepAlive(true)
                .setMaxPoolSize(1)
                .setConnectTimeout(connectMillis)
                .setDecompressionSupported(false)
                .setMaxInitialLineLength(4096)
                .setMaxHeaderSize(16 * 1024);
        if (trust != null) {
            options.setSsl(true)
                    .setTrustAll(false)
                    .setTrustOptions(TrustOptions.wrap(trust))
                    // The operator's CA vouches for names; a pinned or unverified certificate names nothing we know.
                    .setVerifyHost(target.tlsMode() == TlsVerification.CA)
                    .setSslHandshakeTimeout(connectMillis)
                    .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                    .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        }
        return vertx.httpClientBuilder().with(options)
                // Every failure is reported by the pull; without this Vert.x would log it again with a stack trace.
                .withConnectHandler(connection -> connection.exceptionHandler(failure -> { }))
                .build();
    }

    private Future<Answer> send(HttpClient client, PullTarget target, HttpMethod method, String path, byte[] body, long limit) {
        Promise<Answer> result = Promise.promise();
        String credentials = Base64.getEncoder().encodeToString(
                (target.username() + ":" + target.password()).getBytes(StandardCharsets.UTF_8));
        RequestOptions request = new RequestOptions()
                .setMethod(method)
                .setHost(target.address())
                .setPort(target.port())
                .setURI(path)
                .setSsl(target.https())
                .putHeader(HttpHeaders.AUTHORIZATION, "Basic " + credentials)
                .putHeader("FOXY-API-VERSION", "1")
                .putHeader(HttpHeaders.ACCEPT, "application/json, application/yang-data+json");
        if (body != null) {
            request.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        client.request(request).onFailure(result::tryFail).onSuccess(sent -> {
            long timer = vertx.setTimer(Math.max(1, requestTimeout.toMillis()), id -> {
                if (result.tryFail(new TimedOut())) {
                    sent.reset();
                }
            });
            result.future().onComplete(done -> vertx.cancelTimer(timer));
            sent.exceptionHandler(result::tryFail);
            sent.response().onFailure(result::tryFail).onSuccess(response -> read(response, sent, limit, result));
            (body == null ? sent.end() : sent.end(Buffer.buffer(body))).onFailure(result::tryFail);
        });
        return result.future();
    }

    private static void read(HttpClientResponse response, HttpClientRequest request, long limit, Promise<Answer> result) {
        long bodyLimit = response.statusCode() / 100 == 2 ? limit : MAX_SMALL_ANSWER;
        Buffer body = Buffer.buffer();
        response.exceptionHandler(result::tryFail);
        response.handler(chunk -> {
            if (body.length() + (long) chunk.length() > bodyLimit) {
                if (result.tryFail(new TooLarge(bodyLimit))) {
                    request.reset();
                }
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.endHandler(end -> result.tryComplete(new Answer(response.statusCode(), response.statusMessage(), body.getBytes())));
    }

    private Answer await(Future<Answer> exchange, String step, CapturingTrust trust) throws DevicePullException {
        Duration limit = connectTimeout.multipliedBy(2).plus(requestTimeout).plus(WAIT_MARGIN);
        try {
            return exchange.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), step, trust);
        } catch (TimeoutException e) {
            throw failure(new TimedOut(), step, trust);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevicePullException(PullResult.TIMEOUT, step + ": interrupted while waiting for the device");
        }
    }

    private DevicePullException failure(Throwable failure, String step, CapturingTrust trust) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimedOut) {
                return new DevicePullException(PullResult.TIMEOUT, step + ": no complete answer within " + requestTimeout.toSeconds() + " s");
            }
            if (t instanceof SslHandshakeTimeoutException) {
                return new DevicePullException(PullResult.TIMEOUT, step + ": the TLS handshake did not finish within "
                        + connectTimeout.toMillis() + " ms (the device accepted the connection but does not speak TLS there)");
            }
            if (t instanceof ConnectTimeoutException) {
                return new DevicePullException(PullResult.TIMEOUT, step + ": no connection within " + connectTimeout.toMillis() + " ms");
            }
            if (t instanceof CertificateException && t.getMessage() != null && t.getMessage().startsWith(CapturingTrust.PIN_MISMATCH)) {
                return new DevicePullException(PullResult.TLS_FAILED, step + ": " + t.getMessage()
                        + "; if the device's certificate was replaced on purpose, forget the pinned fingerprint");
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return new DevicePullException(PullResult.TLS_FAILED, step + ": TLS failed: " + message(t));
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return new DevicePullException(PullResult.UNREACHABLE, step + ": cannot connect: " + message(t));
            }
            if (t instanceof TooLarge) {
                return new DevicePullException(PullResult.BAD_RESPONSE, step + ": " + t.getMessage());
            }
        }
        return new DevicePullException(PullResult.BAD_RESPONSE, step + ": the device closed the connection or did not"
                + " answer in HTTP: " + message(failure));
    }

    private static void expectSuccess(Answer answer, String step, boolean exactlyOk) throws DevicePullException {
        int status = answer.status();
        if (status == 401 || status == 403) {
            throw new DevicePullException(PullResult.AUTH_FAILED, step + ": the device answered HTTP " + status
                    + ": check the username and password, and that the user has privilege 15");
        }
        if (exactlyOk ? status != 200 : status / 100 != 2) {
            throw new DevicePullException(PullResult.BAD_RESPONSE, step + ": the device answered HTTP " + status
                    + (status == 404 ? " (is the smartlic REST API enabled on the device?)" : ""));
        }
    }

    private static String message(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
