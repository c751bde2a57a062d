package io.licensesatellite.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The emulator's HTTPS endpoint: TLS 1.2/1.3 with a client certificate required (it must chain to the emulator's
 * CA), {@code POST /sync/v1/exchange} with the raw request file, answered with the raw response file or an
 * {@code application/problem+json} refusal; {@code GET /sync/v1/health}. Close it to stop it.
 */
public final class UpstreamServer implements AutoCloseable {
    public static final String EXCHANGE_PATH = "/sync/v1/exchange";
    public static final String HEALTH_PATH = "/sync/v1/health";
    static final String YAML = "application/yaml";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final int WORKERS = 4;
    private static final System.Logger LOG = System.getLogger(UpstreamServer.class.getName());

    private final HttpsServer server;
    private final ExecutorService executor;

    private UpstreamServer(HttpsServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static UpstreamServer start(UpstreamEmulator emulator, SSLContext tls, String host, int port, long maxBytes,
            Consumer<String> log) {
        HttpsServer server;
        try {
            server = HttpsServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                ssl.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        Exchange handler = new Exchange(emulator, maxBytes, log, new SlpRoutes(emulator.slp(), emulator.oauthClients(), log));
        server.createContext("/", handler);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread thread = new Thread(r, "upstream-exchange-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new UpstreamServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    /** The URL to put in a registration's sync_url when the satellite reaches the emulator at this address. */
    public URI exchangeUrl() {
        String host = host().contains(":") ? "[" + host() + "]" : host();
        return URI.create("https://" + host + ":" + port() + EXCHANGE_PATH);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One handler for every path: exchange, health, and well-formed refusals for everything else. */
    private record Exchange(UpstreamEmulator emulator, long maxBytes, Consumer<String> log, SlpRoutes slp)
            implements com.sun.net.httpserver.HttpHandler {

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String method = exchange.getRequestMethod();
                if (path.equals(HEALTH_PATH)) {
                    if (!method.equals("GET") && !method.equals("HEAD")) {
                        methodNotAllowed(exchange, "GET");
                        return;
                    }
                    send(exchange, 200, "application/json", "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8));
                } else if (SlpRoutes.handles(path)) {
                    slp.handle(exchange);
                } else if (path.equals(EXCHANGE_PATH)) {
                    if (!method.equals("POST")) {
                        methodNotAllowed(exchange, "POST");
                        return;
                    }
                    exchangeFile(exchange);
                } else {
                    problem(exchange, 404, "https://license-satellite.io/problems/not-found", "No such resource.",
                            "No resource at " + path + "; the exchange is POST " + EXCHANGE_PATH);
                }
            } catch (IOException e) {
                // the client went away mid-exchange: nothing to answer
                LOG.log(System.Logger.Level.DEBUG, "exchange aborted: " + e.getMessage());
            }
        }

        private void exchangeFile(HttpExchange exchange) throws IOException {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).split(";")[0].trim().equals(YAML)) {
                problem(exchange, 415, "https://license-satellite.io/problems/unsupported-media-type",
                        "This content type is not accepted here.", "send the request file as " + YAML + ", not "
                                + (contentType == null ? "without a Content-Type" : contentType));
                return;
            }
            String clientId = clientSatelliteId(exchange);
            byte[] body = readBounded(exchange);
            if (body == null) {
                refuse(exchange, new EmulatorException(EmulatorError.TOO_LARGE, "the request file is larger than "
                        + maxBytes + " bytes"));
                return;
            }
            try {
                UpstreamEmulator.Answered answered = emulator.answer(body, clientId);
                log.accept("answered request " + answered.sequence() + " of satellite " + answered.satelliteName() + " ("
                        + answered.satelliteId() + ")" + (answered.repeated() ? ", again" : ""));
                send(exchange, 200, YAML, answered.responseFile());
            } catch (EmulatorException e) {
                log.accept("refused a request of client " + clientId + ": " + e.kind() + ": " + e.getMessage());
                refuse(exchange, e);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "exchange failed", e);
                problem(exchange, 500, EmulatorError.STATE_UNAVAILABLE.problemType(), EmulatorError.STATE_UNAVAILABLE.title(),
                        "An internal error occurred; the emulator's output has the details");
            }
        }

        private void refuse(HttpExchange exchange, EmulatorException e) throws IOException {
            EmulatorError kind = e.kind();
            String detail = e.getMessage();
            if (kind == EmulatorError.STATE_UNAVAILABLE) {
                // file paths and I/O messages stay in the emulator's output, not in the answer
                LOG.log(System.Logger.Level.ERROR, "exchange failed: " + e.getMessage(), e);
                detail = "An internal error occurred; the emulator's output has the details";
            }
            problem(exchange, kind.httpStatus(), kind.problemType(), kind.title(), detail);
        }

        /** The CN of the verified client certificate (the TLS layer already checked it chains to our CA). */
        private static String clientSatelliteId(HttpExchange exchange) {
            try {
                Certificate[] chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
                return UpstreamAuthority.commonName((X509Certificate) chain[0]);
            } catch (SSLPeerUnverifiedException e) {
                throw new IllegalStateException("TLS let a client in without a certificate", e);
            }
        }

        /** The body, or null when it is larger than the limit (announced or actual). */
        private byte[] readBounded(HttpExchange exchange) throws IOException {
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > maxBytes) {
                        return null;
                    }
                } catch (NumberFormatException e) {
                    // a chunked or odd body: bounded while reading below
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            try (InputStream in = exchange.getRequestBody()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        return null;
                    }
                    out.write(buffer, 0, n);
                }
            }
            return out.toByteArray();
        }

        private static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
            exchange.getResponseHeaders().set("Allow", allowed);
            problem(exchange, 405, "https://license-satellite.io/problems/method-not-allowed", "This method is not allowed here.",
                    exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestURI().getPath() + "; use " + allowed);
        }

        private static void problem(HttpExchange exchange, int status, String type, String title, String detail) throws IOException {
            ObjectNode body = SatelliteRecords.JSON.createObjectNode();
            body.put("type", type);
            body.put("title", title);
            body.put("status", status);
            body.put("detail", detail);
            send(exchange, status, PROBLEM_JSON, SatelliteRecords.JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(body));
        }

        private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
