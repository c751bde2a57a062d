package io.licensesatellite.agent.slp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A simulated device's smartlic REST API on 127.0.0.1, HTTPS with the device's self-signed certificate and HTTP
 * Basic auth on every request, at the paths of the vendor's Swagger ({@code basePath /smartlic-service}):
 * {@code POST close-reports}, {@code GET list}, {@code GET all-reports}, {@code GET days}, {@code GET days/<n>},
 * {@code POST import}. Answers JSON. One server per device: real devices each have their own address.
 */
public final class SmartlicRestServer implements AutoCloseable {
    static final String BASE = "/smartlic-service";
    /** The last 90 days, what {@code days} answers without a number. */
    static final int DEFAULT_DAYS = 90;
    private static final int MAX_IMPORT_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SmartlicDevice device;
    private final SelfSignedIdentity identity;
    private final String username;
    private final byte[] passwordDigest;
    private final Clock clock;
    private final HttpsServer server;
    private final ExecutorService executor;

    private SmartlicRestServer(SmartlicDevice device, SelfSignedIdentity identity, String username, String password,
                               Clock clock, int port) throws IOException {
        this.device = device;
        this.identity = identity;
        this.username = username;
        this.passwordDigest = digest(password);
        this.clock = clock;
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(identity.sslContext()));
        server.createContext(BASE, this::handle);
        this.executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "smartlic-device-" + port);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
    }

    /** @param port 0 for any free port */
    public static SmartlicRestServer start(SmartlicDevice device, String username, String password, Clock clock, int port) {
        try {
            SmartlicRestServer rest = new SmartlicRestServer(device, SelfSignedIdentity.create("TP-self-signed-sim"),
                    username, password, clock, port);
            rest.server.start();
            return rest;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String fingerprint() {
        return identity.fingerprint();
    }

    public SelfSignedIdentity identity() {
        return identity;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"level_15_access\"");
                send(exchange, 401, error("authentication required"));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            String method = exchange.getRequestMethod();
            if (path.equals("/close-reports")) {
                if (!method.equals("POST")) {
                    send(exchange, 405, error("use POST"));
                    return;
                }
                device.closeReports();
                send(exchange, 200, JSON.createObjectNode().put("status", "SUCCESS"));
            } else if (path.equals("/list") && method.equals("GET")) {
                ObjectNode body = JSON.createObjectNode();
                ArrayNode list = body.putArray("usage_list");
                for (SmartlicDevice.Report report : device.reports()) {
                    list.addObject().put("report_id", report.id()).put("state", report.state())
                            .put("timestamp", report.closedAt().getEpochSecond());
                }
                send(exchange, 200, body);
            } else if (path.equals("/all-reports") && method.equals("GET")) {
                sendReports(exchange, device.reports());
            } else if ((path.equals("/days") || path.startsWith("/days/")) && method.equals("GET")) {
                int days = DEFAULT_DAYS;
                if (path.startsWith("/days/")) {
                    try {
                        days = Integer.parseInt(path.substring("/days/".length()));
                    } catch (NumberFormatException e) {
                        days = -1;
                    }
                    if (days < 1 || days > 3650) {
                        send(exchange, 400, error("days must be a number from 1 to 3650"));
                        return;
                    }
                }
                Instant since = clock.instant().minus(Duration.ofDays(days));
                sendReports(exchange, device.reports().stream().filter(r -> !r.closedAt().isBefore(since)).toList());
            } else if (path.equals("/import")) {
                if (!method.equals("POST")) {
                    send(exchange, 405, error("use POST"));
                    return;
                }
                importFile(exchange);
            } else {
                send(exchange, 404, error("no such resource"));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, error("internal error"));
        }
    }

    private void importFile(HttpExchange exchange) throws IOException {
        byte[] body = readBounded(exchange.getRequestBody());
        if (body == null) {
            send(exchange, 413, error("the file is larger than " + MAX_IMPORT_BYTES + " bytes"));
            return;
        }
        byte[] file;
        try {
            JsonNode data = JSON.readTree(body).path("data");
            if (!data.isTextual()) {
                send(exchange, 400, error("the body must be {\"data\": \"<base64 of the file>\"}"));
                return;
            }
            file = Base64.getDecoder().decode(data.asText());
        } catch (IOException | IllegalArgumentException e) {
            send(exchange, 400, error("the body must be {\"data\": \"<base64 of the file>\"}"));
            return;
        }
        try {
            device.importFile(file);
        } catch (IllegalArgumentException e) {
            send(exchange, 400, error(e.getMessage()));
            return;
        }
        send(exchange, 200, JSON.createObjectNode().put("status", "Import Data Successful"));
    }

    /** The wrappers are written as the device stored them, byte for byte. */
    private static void sendReports(HttpExchange exchange, List<SmartlicDevice.Report> reports) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"usage\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < reports.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(reports.get(i).wrapperJson());
        }
        body.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        sendBytes(exchange, 200, body.toByteArray());
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && decoded.substring(0, colon).equals(username)
                    && MessageDigest.isEqual(digest(decoded.substring(colon + 1)), passwordDigest);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_IMPORT_BYTES + 1);
        return bytes.length > MAX_IMPORT_BYTES ? null : bytes;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("status", "FAILED").put("message", message);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        sendBytes(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void sendBytes(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
