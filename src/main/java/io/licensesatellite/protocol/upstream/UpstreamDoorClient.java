package io.licensesatellite.protocol.upstream;

import io.licensesatellite.sync.UpstreamChannel;
import io.licensesatellite.sync.UpstreamEndpoint;
import io.licensesatellite.sync.UpstreamException;
import io.quarkus.runtime.StartupEvent;
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
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The upstream door: posts one signed request file to the upstream over mutual TLS and returns the raw response file.
 *
 * <p>Built on the Vert.x core {@link HttpClient} that Quarkus already runs, not on {@code java.net.http}: the key,
 * certificate and CA go in as PEM buffers (no key store, no files), the trust is exactly the upstream CA, and
 * Basic credentials reach a CONNECT proxy without the JDK-wide {@code jdk.http.auth.tunneling.disabledSchemes}
 * switch, which {@code java.net.http} would need flipped for the whole process.
 *
 * <p>A client is made per exchange and closed after it: exchanges are rare (a scheduled sync, an operator's
 * button), and the endpoint's key, certificate, CA or proxy may change between two of them; a pooled client would
 * keep the old ones.
 */
@ApplicationScoped
public class UpstreamDoorClient implements UpstreamChannel {
    private static final Logger LOG = Logger.getLogger(UpstreamDoorClient.class);
    static final long MIN_RESPONSE_BYTES = 1024L * 1024;
    static final long MAX_RESPONSE_BYTES = 256L * 1024 * 1024;
    /** The most of an error answer read for its problem detail; the rest is not needed. */
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    /** Added to the sum of the timeouts for the blocking wait, which only guards against a timer that never fires. */
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(5);
    private static final String KEY_NAME = "satellite.upstream-door.max-response-size";

    private final Vertx vertx;
    private final long maxResponseBytes;

    @Inject
    UpstreamDoorClient(Vertx vertx, UpstreamDoorConfig config) {
        this(vertx, checked(config.maxResponseSize().asLongValue()));
    }

    /** @param maxResponseBytes the largest response body accepted; tests go below the configurable 1 MiB */
    public UpstreamDoorClient(Vertx vertx, long maxResponseBytes) {
        if (maxResponseBytes < 1 || maxResponseBytes > MAX_RESPONSE_BYTES) {
            throw new IllegalArgumentException("maxResponseBytes must be 1 to " + MAX_RESPONSE_BYTES + ", not " + maxResponseBytes);
        }
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Makes the bean at start, so a bad {@value #KEY_NAME} stops the start instead of failing the first sync. */
    void onStart(@Observes StartupEvent event) {
        LOG.debugf("Upstream door ready, responses up to %d bytes", maxResponseBytes);
    }

    static long checked(long configuredBytes) {
        if (configuredBytes < MIN_RESPONSE_BYTES || configuredBytes > MAX_RESPONSE_BYTES) {
            throw new IllegalArgumentException(KEY_NAME + " must be between 1M and 256M, not " + configuredBytes + " bytes");
        }
        return configuredBytes;
    }

    /**
     * Blocks until the upstream answered or a timeout passed: at most the connect timeout for the connection (the
     * TLS handshake and the proxy's CONNECT each get as long again), then the exchange timeout for sending the
     * request and reading the whole answer.
     *
     * @throws IllegalStateException when called on a Vert.x event loop, which must never block
     */
    @Override
    public byte[] exchange(UpstreamEndpoint endpoint, byte[] requestFile) throws UpstreamException {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("The upstream exchange blocks until the upstream answers; call it from a "
                    + "worker or scheduler thread, never from a Vert.x event loop");
        }
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(requestFile, "requestFile");
        UpstreamTarget target = UpstreamTarget.of(endpoint);
        UpstreamFailures failures = new UpstreamFailures(target, endpoint, maxResponseBytes);
        LOG.infof("Sending %d bytes to the upstream %s%s", requestFile.length, target.url(),
                endpoint.proxy() == null ? "" : " through proxy " + target.proxyAddress());
        // The exchange reports every failure itself; without this handler Vert.x would also log a connection's
        // failure (a TLS alert after the handshake, a reset) at ERROR with a stack trace.
        HttpClient client = vertx.httpClientBuilder().with(options(endpoint))
                .withConnectHandler(connection -> connection.exceptionHandler(
                        failure -> LOG.debugf("Upstream connection failed: %s", failure.getMessage())))
                .build();
        try {
            byte[] response = await(send(client, target, endpoint.exchangeTimeout(), requestFile), waitLimit(endpoint), failures);
            LOG.infof("Received %d bytes from the upstream %s", response.length, target.url());
            return response;
        } finally {
            client.close();
        }
    }

    private Future<byte[]> send(HttpClient client, UpstreamTarget target, Duration exchangeTimeout, byte[] requestFile) {
        Promise<byte[]> result = Promise.promise();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setURI(target.pathAndQuery())
                .setSsl(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
                .putHeader(HttpHeaders.ACCEPT, "application/yaml, application/problem+json");
        client.request(request).onFailure(result::tryFail).onSuccess(sent -> {
            long timer = vertx.setTimer(Math.max(1, exchangeTimeout.toMillis()), id -> {
                if (result.tryFail(new UpstreamFailures.ExchangeTimedOut())) {
                    sent.reset();
                }
            });
            result.future().onComplete(done -> vertx.cancelTimer(timer));
            sent.response().onFailure(result::tryFail).onSuccess(response -> read(response, sent, result));
            sent.end(Buffer.buffer(requestFile)).onFailure(result::tryFail);
        });
        return result.future();
    }

    /** A 200 is read up to the size limit; anything else only for its problem detail, then handed to the mapping. */
    private void read(HttpClientResponse response, HttpClientRequest request, Promise<byte[]> result) {
        int status = response.statusCode();
        boolean file = status == 200;
        long limit = file ? maxResponseBytes : MAX_ERROR_BODY_BYTES;
        Buffer body = Buffer.buffer();
        response.exceptionHandler(result::tryFail);
        if (file && declaredLength(response) > limit) {
            result.tryFail(new UpstreamFailures.ResponseTooLarge(declaredLength(response)));
            request.reset();
            return;
        }
        response.handler(chunk -> {
            if (body.length() + (long) chunk.length() <= limit) {
                body.appendBuffer(chunk);
            } else if (file) {
                result.tryFail(new UpstreamFailures.ResponseTooLarge(-1));
                request.reset();
            } else {
                // Enough of an error answer for its detail; stop reading the rest.
                body.appendBuffer(chunk, 0, (int) (limit - body.length()));
                result.tryFail(answer(response, body));
                request.reset();
            }
        });
        response.endHandler(end -> {
            if (file) {
                result.tryComplete(body.getBytes());
            } else {
                result.tryFail(answer(response, body));
            }
        });
    }

    private static UpstreamFailures.Answered answer(HttpClientResponse response, Buffer body) {
        return new UpstreamFailures.Answered(response.statusCode(), response.statusMessage(),
                response.getHeader(HttpHeaders.CONTENT_TYPE), response.getHeader(HttpHeaders.LOCATION), body.getBytes());
    }

    private static long declaredLength(HttpClientResponse response) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;  // Netty refuses a malformed length itself; the body is bounded while read anyway.
        }
    }

    private static byte[] await(Future<byte[]> exchange, Duration limit, UpstreamFailures failures) throws UpstreamException {
        try {
            return exchange.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failures.of(e.getCause());
        } catch (TimeoutException e) {
            throw failures.of(new UpstreamFailures.ExchangeTimedOut());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while waiting for the upstream " + failures.url(), true, e);
        }
    }

    private static Duration waitLimit(UpstreamEndpoint endpoint) {
        return endpoint.connectTimeout().multipliedBy(3).plus(endpoint.exchangeTimeout()).plus(WAIT_MARGIN);
    }

    static HttpClientOptions options(UpstreamEndpoint endpoint) {
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, endpoint.connectTimeout().toMillis()));
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setUseAlpn(false)
                .setKeepAlive(false)
                .setMaxPoolSize(1)
                .setConnectTimeout(connectMillis)
                .setSsl(true)
                .setTrustAll(false)
                .setVerifyHost(true)
                .setSslHandshakeTimeout(connectMillis)
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
                // Only the upstream CA from the authorization file: never the JDK's or the system's trust store.
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pem(endpoint.upstreamCa()))))
                .setDecompressionSupported(false);
        if (endpoint.clientKey() != null && endpoint.clientCertificate() != null) {
            options.setKeyCertOptions(new PemKeyCertOptions()
                    .addKeyValue(Buffer.buffer(pem(endpoint.clientKey())))
                    .addCertValue(Buffer.buffer(pem(endpoint.clientCertificate()))));
        }
        UpstreamEndpoint.Proxy proxy = endpoint.proxy();
        if (proxy != null) {
            ProxyOptions proxyOptions = new ProxyOptions().setType(ProxyType.HTTP).setHost(proxy.host()).setPort(proxy.port());
            if (proxy.username() != null) {
                proxyOptions.setUsername(proxy.username()).setPassword(proxy.password() == null ? "" : proxy.password());
            }
            options.setProxyOptions(proxyOptions);
        }
        return options;
    }

    private static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Cannot encode the certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** PKCS#8, which is what {@link PrivateKey#getEncoded()} gives for RSA and EC keys alike. */
    private static String pem(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("The satellite's client key cannot be exported as PKCS#8 (" + key.getAlgorithm() + ")");
        }
        return pem("PRIVATE KEY", encoded);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
