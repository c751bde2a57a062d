package io.licensesatellite.agent;

import io.licensesatellite.agent.slp.SlpDevice;
import io.licensesatellite.agent.slp.SlpDeviceStore;
import io.licensesatellite.agent.slp.SlpPushClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The simulator's Smart Licensing Using Policy commands: a policy device measures usage, pushes it to
 * {@code /cslu/v1/pi[/<tenant>]} and polls for the ACK, or saves a usage file and imports an ACK file.
 */
final class SlpCommandLine {
    static final String USAGE = """
              slp-measure --serial SN [--pid PID] --tag "TAG=count" [--tag ...]
                          Set the counts in use and close a measurement (one RUM report per tag).
              slp-push    --serial SN --url https://satellite:8444/cslu/v1/pi/<VA>-1 [--polls N --poll-every PT5S]
                          Push the unacknowledged reports, then poll until the ACK arrives.
              slp-save    --serial SN --file PATH     license smart save usage unreported file PATH
              slp-import  --serial SN --file PATH     license smart import PATH
              slp-status  [--serial SN]               show license status (Usage Reporting)
            """;
    private static final Set<String> OPTIONS = Set.of("state-dir", "serial", "pid", "tag", "url", "polls", "poll-every",
            "file", "ca", "insecure");

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    SlpCommandLine(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int run(SimulatorArguments a) throws IOException, InterruptedException {
        a.allowOnly(OPTIONS);
        SlpDeviceStore store = new SlpDeviceStore(Path.of(a.value("state-dir").orElse(SimulatorMain.DEFAULT_STATE_DIR)));
        if ("slp-status".equals(a.command)) {
            List<String> serials = a.value("serial").map(List::of).orElseGet(store::serials);
            for (String sn : serials) {
                SlpDevice d = store.loadOrCreate(SimulatorMain.DEFAULT_PID, sn, clock);
                out.println("=== " + d.identity().pid() + " " + sn + " ===");
                d.status(Duration.ofDays(30)).forEach(out::println);
            }
            return 0;
        }
        String serial = a.value("serial").orElseThrow(() -> new IllegalArgumentException(a.command + " needs --serial"));
        SlpDevice device = store.loadOrCreate(a.value("pid").orElse(SimulatorMain.DEFAULT_PID), serial, clock);
        int status = 0;
        switch (a.command) {
            case "slp-measure" -> {
                for (String t : a.values("tag")) {
                    int eq = t.lastIndexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--tag is \"TAG=count\", not '" + t + "'");
                    }
                    device.use(t.substring(0, eq), Long.parseLong(t.substring(eq + 1)));
                }
                out.println(device.measure().size() + " report(s) measured; " + device.unacknowledged().size() + " unacknowledged");
            }
            case "slp-push" -> {
                URI url = URI.create(a.value("url").orElseThrow(() -> new IllegalArgumentException("slp-push needs --url")));
                SlpPushClient client = new SlpPushClient(url, tls(a, url), clock);
                SlpPushClient.PushResult pushed = client.push(device);
                out.println("Usage Reporting: " + pushed.status() + (pushed.pollId() >= 0 ? " (poll id " + pushed.pollId() + ")" : "")
                        + (pushed.body().has("message") ? ": " + pushed.body().path("message").asText() : ""));
                if ("OK_POLL".equals(pushed.status())) {
                    SlpPushClient.PollResult polled = client.pollUntilAcknowledged(device, pushed.pollId(),
                            Duration.parse(a.value("poll-every").orElse("PT5S")), a.positiveInt("polls", 1));
                    out.println("Result Polling: " + polled.status());
                } else {
                    status = 1;
                }
            }
            case "slp-save" -> {
                Path file = Path.of(a.value("file").orElseThrow(() -> new IllegalArgumentException("slp-save needs --file")));
                Files.writeString(file, device.usageFile(), StandardCharsets.UTF_8);
                out.println("Usage saved to " + file + " (" + device.unacknowledged().size() + " report(s))");
            }
            case "slp-import" -> {
                Path file = Path.of(a.value("file").orElseThrow(() -> new IllegalArgumentException("slp-import needs --file")));
                String message = device.importFile(Files.readString(file, StandardCharsets.UTF_8));
                out.println(message);
                status = message.startsWith("Import Data Successful") ? 0 : 1;
            }
            default -> throw new IllegalArgumentException("unknown command '" + a.command + "'");
        }
        store.save(device);
        return status;
    }

    private SSLContext tls(SimulatorArguments a, URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            return null;
        }
        if (a.flag("insecure")) {
            err.println("WARNING: --insecure: the satellite's TLS certificate is not checked. For labs only.");
            return AgentTls.insecure();
        }
        return a.value("ca").map(ca -> AgentTls.trusting(Path.of(ca))).orElse(null);
    }
}
