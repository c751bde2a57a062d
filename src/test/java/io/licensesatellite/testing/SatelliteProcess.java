package io.licensesatellite.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged satellite ({@code target/quarkus-app/quarkus-run.jar}) run as a separate process, on loopback
 * and free ports, so tests can kill it the hard way and start it again on the same data directory.
 */
public final class SatelliteProcess implements AutoCloseable {
    private static final java.util.Map<String, String> BEARERS = new java.util.concurrent.ConcurrentHashMap<>();
    private final Path dataDir;
    private final int adminPort;
    private final int devicePort;
    private final Path log;
    private Process process;

    public SatelliteProcess(Path dataDir) {
        this.dataDir = dataDir;
        this.adminPort = freePort();
        this.devicePort = freePort();
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-satellite.log");
    }

    public SatelliteProcess start() throws IOException, InterruptedException {
        String jar = System.getProperty("satellite.app.jar", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dsatellite.data-dir=" + dataDir,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.ssl-port=" + adminPort,
                "-Dsatellite.device-door.host=127.0.0.1",
                "-Dsatellite.device-door.port=" + devicePort,
                "-jar", Path.of(jar).toAbsolutePath().toString()));
        // Extra JVM options for profiling a benchmark run (e.g. -XX:StartFlightRecording=...), placed before -jar.
        String extra = System.getProperty("satellite.jvm.args", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(1, List.of(extra.split("\\s+")));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitReady(Duration.ofSeconds(90));
        return this;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public URI adminUri() {
        return URI.create("https://127.0.0.1:" + adminPort);
    }

    public URI deviceDoorUri() {
        return URI.create("https://127.0.0.1:" + devicePort);
    }

    /** The satellite's peak resident memory so far (Linux VmHWM), in bytes; -1 where /proc is not there. */
    public long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // Figures only; the benchmark prints "n/a".
        }
        return -1;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String adminSecret() throws IOException {
        return Files.readString(dataDir.resolve("initial-admin-password"), StandardCharsets.UTF_8).strip();
    }

    /** An admin API call with the bearer token of an all-scopes API client; returns status and body. */
    public HttpResponse<String> admin(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(adminUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An admin API call carrying or returning a file (sync files): raw bytes both ways. */
    public HttpResponse<byte[]> adminFile(String method, String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(adminUri().resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + bearer())
                .header("Content-Type", "application/yaml")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * The operator's first steps, once per data directory (it survives restarts): log in with the initial secret,
     * change the password, create an API client with every scope. Its token is kept for later calls.
     */
    public synchronized String bearer() throws IOException, InterruptedException {
        String cached = BEARERS.get(dataDir.toAbsolutePath().toString());
        if (cached != null) {
            return cached;
        }
        String secret = adminSecret();
        HttpResponse<String> login = session("POST", "/api/v1/session", null, null,
                "{\"username\":\"admin\",\"password\":\"" + secret + "\"}");
        String password = "Tq-" + java.util.UUID.randomUUID() + "-Zx";
        HttpResponse<String> changed = session("POST", "/api/v1/session/password", cookie(login), csrf(login),
                "{\"currentPassword\":\"" + secret + "\",\"newPassword\":\"" + password + "\"}");
        HttpResponse<String> created = session("POST", "/api/v1/api-clients", cookie(changed), csrf(changed),
                "{\"name\":\"process-test\",\"scopes\":[\"READ\",\"ACCOUNTS_WRITE\",\"TOKENS_WRITE\","
                        + "\"INSTANCES_WRITE\",\"SYNC_RUN\",\"SETTINGS_WRITE\",\"USERS_WRITE\",\"AUDIT_READ\",\"SELF\"]}");
        String token = field(created, "token");
        BEARERS.put(dataDir.toAbsolutePath().toString(), token);
        return token;
    }

    private HttpResponse<String> session(String method, String path, String cookie, String csrf, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(adminUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            request.header("Cookie", "ls_session=" + cookie).header("X-CSRF-Token", csrf);
        }
        HttpResponse<String> response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static String cookie(HttpResponse<String> response) {
        String header = response.headers().firstValue("Set-Cookie").orElseThrow();
        return header.substring("ls_session=".length(), header.indexOf(';'));
    }

    private static String csrf(HttpResponse<String> response) {
        return field(response, "csrfToken");
    }

    private static String field(HttpResponse<String> response, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + response.body());
        }
        return m.group(1);
    }

    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The satellite exited during start-up:\n" + logText());
            }
            try {
                HttpResponse<String> health = client().send(HttpRequest.newBuilder(adminUri().resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && Files.exists(dataDir.resolve("initial-admin-password"))) {
                    return;
                }
            } catch (IOException notYet) {
                // The listener is not open yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The satellite did not become ready within " + limit + ":\n" + logText());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().sslContext(InsecureTls.context()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
