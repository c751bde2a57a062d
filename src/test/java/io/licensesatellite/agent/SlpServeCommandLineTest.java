package io.licensesatellite.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slp-serve}: simulated policy devices a satellite can pull from, each on its own HTTPS port. */
class SlpServeCommandLineTest {
    private static final Pattern DEVICE = Pattern.compile("device \\d+: (https://127\\.0\\.0\\.1:\\d+)  (PID:\\S+)  sha256 ([0-9a-f]{64})");

    @TempDir
    Path stateDir;

    @Test
    void servesEachDeviceOnItsOwnPortBehindBasicAuthWithItsReports() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        SimulatorMain main = new SimulatorMain(out, out, Clock.systemUTC());
        Thread serving = new Thread(() -> main.run(new String[] {"slp-serve", "--devices", "2", "--duration", "PT2M",
                "--tag", "C9300 DNA Advantage=2", "--state-dir", stateDir.toString()}));
        serving.setDaemon(true);
        serving.start();
        try {
            String printed = awaitOutput(captured, "Serving 2 device(s)");
            List<String[]> devices = new ArrayList<>();
            Matcher m = DEVICE.matcher(printed);
            while (m.find()) {
                devices.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
            assertThat(devices).hasSize(2);
            assertThat(devices.get(0)[0]).isNotEqualTo(devices.get(1)[0]);
            assertThat(devices.get(0)[1]).isNotEqualTo(devices.get(1)[1]);
            String password = Files.readString(stateDir.resolve(SlpServeCommand.PASSWORD_FILE)).strip();
            assertThat(printed).doesNotContain(password);

            HttpClient client = HttpClient.newBuilder().sslContext(AgentTls.insecure()).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> closed = client.send(request(devices.get(0)[0] + "/smartlic-service/close-reports", password)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(closed.statusCode()).isEqualTo(200);
            HttpResponse<String> reports = client.send(request(devices.get(0)[0] + "/smartlic-service/all-reports", password)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reports.statusCode()).isEqualTo(200);
            assertThat(reports.body()).startsWith("{\"usage\":[{\"payload\":").contains("C9300 DNA Advantage")
                    .contains("\\\"udi_serial_number\\\":\\\"" + devices.get(0)[1].substring(devices.get(0)[1].indexOf("SN:") + 3));
            HttpResponse<String> locked = client.send(request(devices.get(1)[0] + "/smartlic-service/list", "wrong")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(locked.statusCode()).isEqualTo(401);
        } finally {
            serving.interrupt();
            serving.join(10_000);
        }
    }

    @Test
    void refusesAPortRangeRunningPastTheLastPort() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        int exit = new SimulatorMain(out, out, Clock.systemUTC()).run(new String[] {"slp-serve", "--devices", "3",
                "--port", "65534", "--state-dir", stateDir.toString()});
        assertThat(exit).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("runs past port 65535");
    }

    private static HttpRequest.Builder request(String url, String password) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("satellite:" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("FOXY-API-VERSION", "1");
    }

    private static String awaitOutput(ByteArrayOutputStream captured, String marker) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String text = captured.toString(StandardCharsets.UTF_8);
            if (text.contains(marker)) {
                return text;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("slp-serve never said '" + marker + "': " + captured.toString(StandardCharsets.UTF_8));
    }
}
