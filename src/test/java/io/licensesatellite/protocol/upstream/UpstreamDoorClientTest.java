package io.licensesatellite.protocol.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.licensesatellite.protocol.upstream.TestUpstream.Answer;
import io.licensesatellite.sync.UpstreamEndpoint;
import io.licensesatellite.sync.UpstreamException;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The upstream door client")
class UpstreamDoorClientTest {
    private static final byte[] REQUEST = "format: 1\nkind: sync-request\n--- # signature\nsignature: AAAA\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RESPONSE = "format: 1\nkind: sync-response\n--- # signature\nsignature: BBBB\n".getBytes(StandardCharsets.UTF_8);
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration EXCHANGE = Duration.ofSeconds(10);

    private static Vertx vertx;
    private static TestPki.Issued upstreamCa;
    private static TestPki.Issued upstreamServer;
    private static TestPki.Issued satelliteCa;
    private static TestPki.Issued satellite;
    private static TestPki.Issued strangerCa;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private UpstreamDoorClient client;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        upstreamCa = TestPki.ca("Upstream CA");
        upstreamServer = TestPki.server(upstreamCa, "127.0.0.1");
        satelliteCa = TestPki.ca("Upstream Satellite Issuing CA");
        satellite = TestPki.client(satelliteCa, "satellite-6f1c2d7e");
        strangerCa = TestPki.ca("Some Other CA");
    }

    @AfterAll
    static void stopVertx() {
        TestUpstream.await(vertx.close());
    }

    @AfterEach
    void closeServers() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
    }

    private UpstreamDoorClient client() {
        if (client == null) {
            client = new UpstreamDoorClient(vertx, 64 * 1024);
        }
        return client;
    }

    private TestUpstream upstream(TestPki.Issued serverCertificate) {
        TestUpstream upstream = new TestUpstream(vertx, serverCertificate, satelliteCa);
        closeAfter.add(upstream);
        return upstream;
    }

    private TestUpstream upstream() {
        return upstream(upstreamServer);
    }

    private static UpstreamEndpoint endpoint(String url) {
        return new UpstreamEndpoint(URI.create(url), upstreamCa.certificate(), satellite.keys().getPrivate(),
                satellite.certificate(), null, CONNECT, EXCHANGE);
    }

    private static UpstreamEndpoint withClient(UpstreamEndpoint e, TestPki.Issued identity) {
        return new UpstreamEndpoint(e.syncUrl(), e.upstreamCa(), identity == null ? null : identity.keys().getPrivate(),
                identity == null ? null : identity.certificate(), e.proxy(), e.connectTimeout(), e.exchangeTimeout());
    }

    private static UpstreamEndpoint withProxy(UpstreamEndpoint e, UpstreamEndpoint.Proxy proxy) {
        return new UpstreamEndpoint(e.syncUrl(), e.upstreamCa(), e.clientKey(), e.clientCertificate(), proxy,
                e.connectTimeout(), e.exchangeTimeout());
    }

    private static UpstreamEndpoint withTimeouts(UpstreamEndpoint e, Duration connect, Duration exchange) {
        return new UpstreamEndpoint(e.syncUrl(), e.upstreamCa(), e.clientKey(), e.clientCertificate(), e.proxy(), connect, exchange);
    }

    private UpstreamException refusal(UpstreamEndpoint endpoint) {
        return catchThrowableOfType(UpstreamException.class, () -> client().exchange(endpoint, REQUEST));
    }

    @Nested
    @DisplayName("over mutual TLS")
    class MutualTls {
        @Test
        void sendsTheExactFileWithItsCertificateAndReturnsTheExactAnswer() throws Exception {
            TestUpstream upstream = upstream().answering(Answer.file(RESPONSE));

            byte[] answer = client().exchange(endpoint(upstream.url() + "?tenant=a%20b"), REQUEST);

            assertThat(answer).isEqualTo(RESPONSE);
            assertThat(upstream.receivedBody()).isEqualTo(REQUEST);
            assertThat(upstream.clientCn()).isEqualTo("satellite-6f1c2d7e");
            assertThat(upstream.receivedPath()).isEqualTo("/sync/v1/exchange?tenant=a%20b");
            assertThat(upstream.receivedHeaders())
                    .containsEntry("content-type", "application/yaml")
                    .containsEntry("accept", "application/yaml, application/problem+json");
        }

        @Test
        void refusesAnUpstreamWhoseCertificateComesFromAnotherCa() {
            TestUpstream upstream = upstream(TestPki.server(strangerCa, "127.0.0.1"));

            UpstreamException refused = refusal(endpoint(upstream.url()));

            assertThat(refused.retryable()).isTrue();
            assertThat(refused).hasMessageContaining("not issued by the upstream CA this satellite trusts");
            assertThat(upstream.receivedBody()).isNull();
        }

        @Test
        void refusesAnUpstreamCertificateForAnotherHost() {
            TestUpstream upstream = upstream(TestPki.server(upstreamCa, "upstream.example.com"));

            UpstreamException refused = refusal(endpoint(upstream.url()));

            assertThat(refused.retryable()).isTrue();
            assertThat(refused).hasMessageContaining("not valid for 127.0.0.1");
            assertThat(upstream.receivedBody()).isNull();
        }

        @Test
        void isRefusedWithoutAClientCertificate() {
            TestUpstream upstream = upstream();

            UpstreamException refused = refusal(withClient(endpoint(upstream.url()), null));

            assertThat(refused.retryable()).isTrue();
            assertThat(refused).hasMessageContaining("refused this satellite's client certificate");
            assertThat(upstream.receivedBody()).isNull();
        }

        @Test
        void isRefusedWithAClientCertificateFromAnotherCa() {
            TestUpstream upstream = upstream();

            UpstreamException refused = refusal(withClient(endpoint(upstream.url()), TestPki.client(strangerCa, "impostor")));

            assertThat(refused.retryable()).isTrue();
            assertThat(refused).hasMessageContaining("refused this satellite's client certificate");
            assertThat(upstream.receivedBody()).isNull();
        }
    }

    @Nested
    @DisplayName("reading the upstream's answer")
    class Answers {
        @Test
        void aRefusalCarriesTheUpstreamsDetailAndIsNotRetried() {
            TestUpstream upstream = upstream().answering(Answer.problem(400, "sequence 7 was already answered"));

            UpstreamException refused = refusal(endpoint(upstream.url()));

            assertThat(refused.retryable()).isFalse();
            assertThat(refused).hasMessageContaining("sequence 7 was already answered").hasMessageContaining("400");
        }

        @Test
        void aRefusalWithoutAProblemBodyNamesTheStatus() {
            TestUpstream upstream = upstream().answering(Answer.status(404));

            UpstreamException refused = refusal(endpoint(upstream.url()));

            assertThat(refused.retryable()).isFalse();
            assertThat(refused).hasMessageContaining("404 Not Found");
        }

        @Test
        void anUnavailableUpstreamIsRetried() {
            TestUpstream upstream = upstream().answering(Answer.problem(503, "maintenance until 10:00"));

            UpstreamException refused = refusal(endpoint(upstream.url()));

            assertThat(refused.retryable()).isTrue();
            assertThat(refused).hasMessageContaining("503").hasMessageContaining("maintenance until 10:00");
        }

        @Test
        void tooManyRequestsIsRetried() {
            TestUpstream upstream = upstream().answering(Answer.status(429));

            assertThat(refusal(endpoint(upstream.url())).retryable()).isTrue();
        }

        @Test
        void refusesAResponseOverTheSizeLimit() {
            TestUpstream upstream = upstream().answering(Answer.file(new byte[64 * 1024 + 1]));

            UpstreamException refused = refusal(endpoint(upstream.url()));

            assertThat(refused.retryable()).isFalse();
            assertThat(refused).hasMessageContaining("larger than the 65536 bytes")
                    .hasMessageContaining("satellite.upstream-door.max-response-size");
        }

        @Test
        void acceptsAResponseOfExactlyTheSizeLimit() throws Exception {
            byte[] big = new byte[64 * 1024];
            TestUpstream upstream = upstream().answering(Answer.file(big));

            assertThat(client().exchange(endpoint(upstream.url()), REQUEST)).hasSize(big.length);
        }

        @Test
        void givesUpWhenTheUpstreamNeverAnswers() {
            TestUpstream upstream = upstream().answering(Answer.never());

            UpstreamException refused = refusal(withTimeouts(endpoint(upstream.url()), CONNECT, Duration.ofMillis(300)));

            assertThat(refused.retryable()).isTrue();
            assertThat(refused).hasMessageContaining("timed out after 300 ms waiting for the upstream");
        }
    }

    @Nested
    @DisplayName("reaching the upstream")
    class Connections {
        @Test
        void aClosedPortIsRetried() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }

            UpstreamException refused = refusal(endpoint("https://127.0.0.1:" + port + "/sync"));

            assertThat(refused.retryable()).isTrue();
            assertThat(refused).hasMessage("the upstream https://127.0.0.1:" + port + " refused the connection");
        }

        @Test
        void aServerThatNeverStartsTheHandshakeIsRetried() throws IOException {
            SilentServer silent = new SilentServer();
            closeAfter.add(silent);

            UpstreamException refused = refusal(withTimeouts(endpoint("https://127.0.0.1:" + silent.port() + "/sync"),
                    Duration.ofMillis(300), EXCHANGE));

            assertThat(refused.retryable()).isTrue();
            assertThat(refused).hasMessageContaining("TLS handshake").hasMessageContaining("did not complete within 300 ms");
        }

        @Test
        void refusesAPlainHttpUrl() {
            UpstreamException refused = refusal(endpoint("http://127.0.0.1:1/sync"));

            assertThat(refused.retryable()).isFalse();
            assertThat(refused).hasMessageContaining("https://");
        }

        @Test
        void refusesCredentialsInTheUrlWithoutRepeatingThem() {
            UpstreamException refused = refusal(endpoint("https://admin:hunter2@127.0.0.1:1/sync"));

            assertThat(refused.retryable()).isFalse();
            assertThat(refused.getMessage()).doesNotContain("hunter2");
        }

        @Test
        void mayNotBlockAnEventLoop() throws Exception {
            CompletableFuture<Throwable> seen = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                try {
                    client().exchange(endpoint("https://127.0.0.1:1/sync"), REQUEST);
                    seen.complete(null);
                } catch (Throwable t) {
                    seen.complete(t);
                }
            });

            assertThat(seen.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("never from a Vert.x event loop");
        }
    }

    @Nested
    @DisplayName("through an HTTP CONNECT proxy")
    class ThroughAProxy {
        @Test
        void tunnelsWithTheProxyCredentials() throws Exception {
            TestUpstream upstream = upstream().answering(Answer.file(RESPONSE));
            ConnectProxy proxy = new ConnectProxy("satellite", "s3cret:pass");
            closeAfter.add(proxy);

            byte[] answer = client().exchange(withProxy(endpoint(upstream.url()),
                    new UpstreamEndpoint.Proxy("127.0.0.1", proxy.port(), "satellite", "s3cret:pass")), REQUEST);

            assertThat(answer).isEqualTo(RESPONSE);
            assertThat(upstream.receivedBody()).isEqualTo(REQUEST);
            assertThat(upstream.clientCn()).isEqualTo("satellite-6f1c2d7e");
            assertThat(proxy.connectLines()).containsExactly("CONNECT 127.0.0.1:" + upstream.port() + " HTTP/1.1");
            assertThat(proxy.authorizations()).containsExactly(
                    "Basic " + Base64.getEncoder().encodeToString("satellite:s3cret:pass".getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        void wrongCredentialsAreNotRetriedAndNotRepeated() throws Exception {
            TestUpstream upstream = upstream();
            ConnectProxy proxy = new ConnectProxy("satellite", "right");
            closeAfter.add(proxy);

            UpstreamException refused = refusal(withProxy(endpoint(upstream.url()),
                    new UpstreamEndpoint.Proxy("127.0.0.1", proxy.port(), "satellite", "wrong-password")));

            assertThat(refused.retryable()).isFalse();
            assertThat(refused).hasMessageContaining("proxy 127.0.0.1:" + proxy.port() + " refused the credentials of user 'satellite'")
                    .hasMessageContaining("407");
            assertThat(refused.getMessage()).doesNotContain("wrong-password");
            assertThat(upstream.receivedBody()).isNull();
        }

        @Test
        void missingCredentialsAreNamedAsSuch() throws Exception {
            ConnectProxy proxy = new ConnectProxy("satellite", "right");
            closeAfter.add(proxy);

            UpstreamException refused = refusal(withProxy(endpoint("https://127.0.0.1:1/sync"),
                    new UpstreamEndpoint.Proxy("127.0.0.1", proxy.port(), null, null)));

            assertThat(refused.retryable()).isFalse();
            assertThat(refused).hasMessageContaining("requires credentials");
        }

        @Test
        void anUnreachableProxyIsRetried() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }

            UpstreamException refused = refusal(withProxy(endpoint("https://upstream.example.com/sync"),
                    new UpstreamEndpoint.Proxy("127.0.0.1", port, "satellite", "secret")));

            assertThat(refused.retryable()).isTrue();
            assertThat(refused).hasMessage("the proxy 127.0.0.1:" + port + " refused the connection");
        }
    }

    @Test
    void aTooLargeLimitIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new UpstreamDoorClient(vertx, 257L * 1024 * 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpstreamDoorClient.checked(1000)).hasMessageContaining("satellite.upstream-door.max-response-size");
    }

    /** Accepts connections and reads, but never says a word: a TLS handshake with it never completes. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket();
        private final List<Socket> accepted = new ArrayList<>();

        SilentServer() throws IOException {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = socket.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                        InputStream in = s.getInputStream();
                        new Thread(() -> {
                            try {
                                in.transferTo(OutputStream.nullOutputStream());
                            } catch (IOException e) {
                                // closed
                            }
                        }).start();
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "silent-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
