package io.licensesatellite.protocol.upstream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A stand-in upstream on 127.0.0.1 over HTTPS that requires a client certificate from {@code clientCa}. It answers
 * every POST with the canned answer and records the request body, headers and the client certificate's CN.
 */
final class TestUpstream implements AutoCloseable {
    /** What the upstream answers; {@code neverAnswer} keeps the request open until the client gives up. */
    record Answer(int status, String contentType, byte[] body, boolean neverAnswer) {
        static Answer file(byte[] body) {
            return new Answer(200, "application/yaml", body, false);
        }

        static Answer problem(int status, String detail) {
            return new Answer(status, "application/problem+json",
                    ("{\"type\":\"about:blank\",\"title\":\"refused\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}").getBytes(), false);
        }

        static Answer status(int status) {
            return new Answer(status, null, new byte[0], false);
        }

        static Answer never() {
            return new Answer(0, null, null, true);
        }
    }

    private final HttpServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.file("format: 1\n".getBytes()));
    private final AtomicReference<byte[]> receivedBody = new AtomicReference<>();
    private final AtomicReference<String> clientCn = new AtomicReference<>();
    private final AtomicReference<Map<String, String>> receivedHeaders = new AtomicReference<>();
    private final AtomicReference<String> receivedPath = new AtomicReference<>();

    TestUpstream(Vertx vertx, TestPki.Issued serverCertificate, TestPki.Issued clientCa) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .addCertValue(Buffer.buffer(serverCertificate.certificatePem()))
                        .addKeyValue(Buffer.buffer(serverCertificate.keyPem())))
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(clientCa.certificatePem())))
                .setClientAuth(ClientAuth.REQUIRED)
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        server = await(vertx.createHttpServer(options).requestHandler(this::handle).listen());
    }

    int port() {
        return server.actualPort();
    }

    String url() {
        return "https://127.0.0.1:" + port() + "/sync/v1/exchange";
    }

    TestUpstream answering(Answer next) {
        answer.set(next);
        return this;
    }

    byte[] receivedBody() {
        return receivedBody.get();
    }

    String clientCn() {
        return clientCn.get();
    }

    Map<String, String> receivedHeaders() {
        return receivedHeaders.get();
    }

    String receivedPath() {
        return receivedPath.get();
    }

    private void handle(HttpServerRequest request) {
        receivedPath.set(request.uri());
        receivedHeaders.set(Map.of(
                "content-type", String.valueOf(request.getHeader("Content-Type")),
                "accept", String.valueOf(request.getHeader("Accept"))));
        clientCn.set(commonName(request));
        request.body().onSuccess(body -> {
            receivedBody.set(body.getBytes());
            Answer now = answer.get();
            if (now.neverAnswer()) {
                return;
            }
            request.response().setStatusCode(now.status());
            if (now.contentType() != null) {
                request.response().putHeader("Content-Type", now.contentType());
            }
            request.response().end(Buffer.buffer(now.body()));
        });
    }

    private static String commonName(HttpServerRequest request) {
        try {
            List<Certificate> chain = request.connection().peerCertificates();
            X509Certificate leaf = (X509Certificate) chain.get(0);
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (Exception e) {
            return "(none: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        await(server.close());
    }

    static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
