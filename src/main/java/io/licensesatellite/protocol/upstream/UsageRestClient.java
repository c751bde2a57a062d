package io.licensesatellite.protocol.upstream;

import io.licensesatellite.sync.UpstreamEndpoint;
import io.licensesatellite.sync.UpstreamException;
import io.licensesatellite.usage.upstream.UsageUpstreamChannel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The upstream door for the usage REST API (token, reportusage, poll, authrequest): the same trust rules as the sync
 * exchange ({@link UpstreamDoorClient#options}: TLS 1.2/1.3, only the upstream CA, host name checked, the satellite's
 * identity certificate, the sync proxy), but any status is handed back with its body: the sender reads the
 * vendor's JSON answers itself. Bodies are bounded.
 */
@ApplicationScoped
public class UsageRestClient implements UsageUpstreamChannel {
    private static final Logger LOG = Logger.getLogger(UsageRestClient.class);
    /** A poll answer carries one ACK document per device of a batch: a few megabytes at most. */
    static final long MAX_ANSWER_BYTES = 64L * 1024 * 1024;
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(5);

    private final Vertx vertx;

    public UsageRestClient(Vertx vertx) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
    }

    @Override
    public Answer post(UpstreamEndpoint endpoint, Map<String, String> headers, String contentType, byte[] body)
            throws UpstreamException {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("The usage upstream call blocks; never call it from a Vert.x event loop");
        }
        UpstreamTarget target = UpstreamTarget.of(endpoint);
        HttpClient client = vertx.httpClientBuilder().with(UpstreamDoorClient.options(endpoint))
                .withConnectHandler(connection -> connection.exceptionHandler(
                        failure -> LOG.debugf("Upstream connection failed: %s", failure.getMessage())))
                .build();
        try {
            Duration limit = endpoint.connectTimeout().multipliedBy(3).plus(endpoint.exchangeTimeout()).plus(WAIT_MARGIN);
            return send(client, target, endpoint.exchangeTimeout(), headers, contentType, body)
                    .toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean tooLarge = cause instanceof TooLarge;
            throw new UpstreamException(tooLarge ? "the upstream's answer from " + target.url() + " is larger than "
                    + MAX_ANSWER_BYTES + " bytes" : "the upstream " + target.url() + " could not be reached: "
                    + (cause == null ? e.getMessage() : cause.getMessage()), !tooLarge, cause);
        } catch (TimeoutException e) {
            throw new UpstreamException("the upstream " + target.url() + " did not answer in time", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while waiting for the upstream " + target.url(), true, e);
        } finally {
            client.close();
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("too large", null, false, false);
        }
    }

    private Future<Answer> send(HttpClient client, UpstreamTarget target, Duration timeout, Map<String, String> headers,
            String contentType, byte[] body) {
        Promise<Answer> result = Promise.promise();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.host())
                .setPort(target.port()).setURI(target.pathAndQuery()).setSsl(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType).putHeader(HttpHeaders.ACCEPT, "application/json");
        headers.forEach(request::putHeader);
        client.request(request).onFailure(result::tryFail).onSuccess(sent -> {
            long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
                if (result.tryFail(new TimeoutException("no answer within " + timeout))) {
                    sent.reset();
                }
            });
            result.future().onComplete(done -> vertx.cancelTimer(timer));
            sent.response().onFailure(result::tryFail).onSuccess(response -> {
                Buffer answer = Buffer.buffer();
                response.exceptionHandler(result::tryFail);
                response.handler(chunk -> {
                    if (answer.length() + (long) chunk.length() > MAX_ANSWER_BYTES) {
                        result.tryFail(new TooLarge());
                        sent.reset();
                    } else {
                        answer.appendBuffer(chunk);
                    }
                });
                response.endHandler(end -> result.tryComplete(new Answer(response.statusCode(), answer.getBytes())));
            });
            sent.end(Buffer.buffer(body)).onFailure(result::tryFail);
        });
        return result.future();
    }
}
