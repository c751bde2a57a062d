package io.licensesatellite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensesatellite.agent.AgentMessages.Authorization;
import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentMessages.Registration;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.AgentTls;
import io.licensesatellite.agent.HttpsTransport;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;

/**
 * Registration throughput of the packaged satellite beside the bare limit of the machine it runs on.
 * Prints figures and never asserts: exits non-zero only when it cannot set up (no jar, no start, admin refusals).
 * Run with {@code bench/run.sh [options]}; {@code --help} lists the options.
 */
public final class RegistrationBenchmark {
    static final String USAGE = """
            Usage: bench/run.sh [options]   (or ./mvnw -q exec:java@bench -Dexec.args="[options]")
              --devices N        devices registered, then authorised once each (default 2000)
              --concurrency C    concurrent simulated devices, sharing one keep-alive HTTP client (default 32)
              --framing F        JSON (Smart Transport) or AML (Call Home envelope) (default JSON)
              --warmup W         registrations and authorisations run first and not counted, so the JIT settles (default 200)
              --bare-seconds S   measuring time of each fixed-time probe: bare limit, TLS, kept-alive (default 5)
              --jar PATH         the packaged satellite (default target/quarkus-app/quarkus-run.jar)
              --help             this text
            """;
    static final int DEFAULT_WARM_UP = 200;
    static final long PROBE_WARM_UP_MILLIS = 1000;
    static final String TAG = "BENCH Network Advantage";
    static final double AIM_PER_SECOND = 2000;
    static final double AIM_SHARE_OF_BARE = 0.60;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Options(int devices, int concurrency, Framing framing, int bareSeconds, Path jar, int warmUp) {
        /** @return null when help was asked for */
        static Options parse(String... args) {
            int devices = 2000;
            int concurrency = 32;
            int bareSeconds = 5;
            int warmUp = DEFAULT_WARM_UP;
            Framing framing = Framing.JSON;
            Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
            List<String> words = Arrays.stream(args).flatMap(a -> a.startsWith("--") && a.contains("=")
                    ? Stream.of(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1)) : Stream.of(a)).toList();
            for (int i = 0; i < words.size(); i++) {
                String option = words.get(i);
                if (option.equals("--help") || option.equals("-h")) {
                    return null;
                }
                if (i + 1 == words.size()) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = words.get(++i);
                switch (option) {
                    case "--devices" -> devices = positive(option, value);
                    case "--concurrency" -> concurrency = positive(option, value);
                    case "--bare-seconds" -> bareSeconds = positive(option, value);
                    case "--warmup" -> warmUp = positive(option, value);
                    case "--framing" -> framing = framing(value);
                    case "--jar" -> jar = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            return new Options(devices, concurrency, framing, bareSeconds, jar, warmUp);
        }

        private static int positive(String option, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " takes a whole number above 0, not '" + value + "'");
        }

        private static Framing framing(String value) {
            try {
                return Framing.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--framing is JSON or AML, not '" + value + "'");
            }
        }
    }

    private final Options options;
    private final int cores = Runtime.getRuntime().availableProcessors();

    private RegistrationBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            System.exit(0);
        }
        int status = 0;
        try {
            new RegistrationBenchmark(options).run();
        } catch (Exception e) {
            System.err.println("Benchmark setup failed: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        // exec:java would otherwise wait for the HTTP client's threads.
        System.exit(status);
    }

    private void run() throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException("no satellite jar at " + options.jar().toAbsolutePath()
                    + ": build it with ./mvnw package -DskipTests, or pass --jar");
        }
        System.setProperty("satellite.app.jar", options.jar().toString());
        Path work = Files.createTempDirectory("satellite-bench-");
        System.out.printf("License Satellite registration benchmark: %d cores, Java %s, %d devices, concurrency %d, framing %s%n%n",
                cores, Runtime.version(), options.devices(), options.concurrency(), options.framing());
        double bareLimit = bareLimit(work.resolve("bare"));

        long start = System.nanoTime();
        DeviceIdentity[] devices = IntStream.range(0, options.warmUp() + options.devices() + options.concurrency()).parallel()
                .mapToObj(i -> new DeviceIdentity("C9300-24T", String.format("BNC%08d", i), null, DeviceSignatures.generateEcKeyPair()))
                .toArray(DeviceIdentity[]::new);
        System.out.printf("%nGenerated %d device keys (EC P-256) in %.1f s, before any timing%n", devices.length, seconds(System.nanoTime() - start));

        Path dataDir = Files.createDirectories(work.resolve("data"));
        try (SatelliteProcess satellite = new SatelliteProcess(dataDir).start()) {
            System.out.printf("Satellite started from %s (log: %s)%n", options.jar(), work.resolve("data-satellite.log"));
            CpuMeter meter = CpuMeter.withSatellite(dataDir);
            String token = setUp(satellite, options.warmUp() + options.devices());
            SmartAgentClient client = SmartAgentClient.overHttps(satellite.deviceDoorUri(), AgentTls.insecure(),
                    options.framing(), Clock.systemUTC());
            Load.Counted registrations = registerAndAuthorise(client, devices, token, meter);
            probeDoor(satellite.deviceDoorUri(), client, devices, meter);
            summary(bareLimit, registrations);
        }
        delete(dataDir);
    }

    /** Measured before the satellite starts, so that nothing else of ours competes for the cores. */
    private double bareLimit(Path directory) throws Exception {
        System.out.printf("Bare limit, before the satellite starts (%d s each after %d s warm-up):%n", options.bareSeconds(),
                PROBE_WARM_UP_MILLIS / 1000);
        System.out.println("  one ECDSA P-256 signature (Bouncy Castle) + one commit of a ~300-byte row, H2 file DB, WRITE_DELAY=0");
        BareLimit.Result bare = new BareLimit(Files.createDirectories(directory))
                .measure(cores, PROBE_WARM_UP_MILLIS, options.bareSeconds() * 1000L);
        rate("sign + commit, 1 thread", bare.oneThread(), "/s");
        rate("sign + commit, " + cores + " threads", bare.allCores(), "/s   <- bare limit");
        rate("sign only, " + cores + " threads", bare.signOnly(), "/s");
        rate("commit only, " + cores + " threads", bare.commitOnly(), "/s");
        delete(directory);
        return bare.allCores().perSecond();
    }

    /** The first --warmup devices warm both JVMs up; the next N are measured. Returns the measured registrations. */
    private Load.Counted registerAndAuthorise(SmartAgentClient client, DeviceIdentity[] devices, String token, CpuMeter meter)
            throws InterruptedException {
        int n = options.devices();
        int c = options.concurrency();
        Credentials[] registered = new Credentials[devices.length];
        Load.Counted warmRegistrations = Load.each(options.warmUp(), c, meter, i -> register(client, devices, i, token, registered));
        Load.Counted warmAuthorisations = Load.each(options.warmUp(), c, meter, i -> authorize(client, registered[i]));
        System.out.printf("Warm-up: %d registrations (%d ok), %d authorisations (%d ok), not counted%n%n", options.warmUp(),
                warmRegistrations.ok(), options.warmUp(), warmAuthorisations.ok());

        Load.Counted registrations = Load.each(n, c, meter, i -> register(client, devices, options.warmUp() + i, token, registered));
        report("Registration", registrations, "registrations/s", "reg");
        Credentials[] toAuthorise = Arrays.stream(registered, options.warmUp(), options.warmUp() + n).filter(Objects::nonNull).toArray(Credentials[]::new);
        report("Authorisation", Load.each(toAuthorise.length, c, meter, i -> authorize(client, toAuthorise[i])),
                "authorisations/s", "auth");
        return registrations;
    }

    /** Fixed-time probes that separate the cost of new TLS connections from the cost of requests on kept-alive ones. */
    private void probeDoor(URI door, SmartAgentClient client, DeviceIdentity[] devices, CpuMeter meter) throws InterruptedException {
        int c = options.concurrency();
        long millis = options.bareSeconds() * 1000L;
        System.out.printf("Device door probes (%d threads, %d s each after %d s warm-up):%n", c, options.bareSeconds(),
                PROBE_WARM_UP_MILLIS / 1000);
        System.out.println("  TLS full handshakes: a new connection and a fresh client TLS context each time (no resumption), no request:");
        probe(Load.during(PROBE_WARM_UP_MILLIS, millis, c, meter, t -> () -> handshake(door)), "handshakes/s", "handshake");

        System.out.println("  Kept-alive bad request: POST {} to " + Framing.JSON.path() + " (400, parsing only, no crypto):");
        HttpsTransport transport = new HttpsTransport(URI.create(door + Framing.JSON.path()), AgentTls.insecure(), Duration.ofSeconds(30));
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        probe(Load.during(PROBE_WARM_UP_MILLIS, millis, c, meter, t -> () -> "HTTP " + transport.post("application/json", empty).status()),
                "requests/s", "request");

        System.out.println("  Kept-alive registration with an unknown token (the satellite verifies message and CSR, looks the token up,"
                + " signs the refusal; no commit):");
        int firstSpare = options.warmUp() + options.devices();
        probe(Load.during(PROBE_WARM_UP_MILLIS, millis, c, meter,
                t -> () -> register(client, devices, firstSpare + t, "bench-unknown-token", null)), "requests/s", "request");
    }

    /** A virtual account, a licence pool and one token, each with room for every device of the run. */
    private String setUp(SatelliteProcess satellite, int devices) throws IOException, InterruptedException {
        long va = post(satellite, "/api/v1/virtual-accounts", "{\"name\":\"Benchmark\"}").path("id").asLong();
        post(satellite, "/api/v1/virtual-accounts/" + va + "/licenses", String.format(
                "{\"tag\":\"%s\",\"displayName\":\"Benchmark licence\",\"quantity\":%d,\"type\":\"PERPETUAL\"}", TAG, devices + 1000));
        JsonNode token = post(satellite, "/api/v1/virtual-accounts/" + va + "/tokens", String.format(
                "{\"description\":\"benchmark\",\"expiresInDays\":1,\"maxUses\":%d}", devices + 1000));
        System.out.printf("Set up: virtual account %d, pool '%s' of %d, token #%s for %d uses%n", va, TAG, devices + 1000,
                token.path("metadata").path("id").asText(), devices + 1000);
        return token.path("token").asText();
    }

    private static JsonNode post(SatelliteProcess satellite, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = satellite.admin("POST", path, json);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String register(SmartAgentClient client, DeviceIdentity[] devices, int i, String token, Credentials[] registered) {
        AgentReply<Registration> reply = client.register(devices[i], RegisterRequest.withToken(token, false));
        if (reply instanceof AgentReply.Success<Registration> ok) {
            if (registered != null) {
                registered[i] = Devices.credentials(devices[i], ok.data());
            }
            return Load.OK;
        }
        return Load.label((AgentReply.Failure<?>) reply);
    }

    private static String authorize(SmartAgentClient client, Credentials credentials) {
        if (credentials == null) {
            return "not registered";
        }
        AgentReply<Authorization> reply = client.authorize(credentials, List.of(new Entitlement(TAG, 1)));
        if (reply instanceof AgentReply.Success<Authorization> ok) {
            return ok.data().compliant() ? Load.OK : ok.data().status();
        }
        return Load.label((AgentReply.Failure<?>) reply);
    }

    private static String handshake(URI door) throws IOException {
        // A fresh context holds no session to resume, so every connection pays a full handshake.
        try (SSLSocket socket = (SSLSocket) AgentTls.insecure().getSocketFactory().createSocket(door.getHost(), door.getPort())) {
            socket.startHandshake();
            return socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite();
        }
    }

    private void report(String phase, Load.Counted result, String unit, String op) {
        long failed = result.latencyNanos().length - result.ok();
        System.out.printf("%s: %d requests in %.2f s, %d ok, %d failed%n", phase, result.latencyNanos().length,
                seconds(result.wallNanos()), result.ok(), failed);
        System.out.printf("  %,.0f %s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", result.okPerSecond(), unit,
                result.percentileMs(50), result.percentileMs(99), result.percentileMs(100));
        System.out.printf("  CPU: %s%n", result.cpu().describe(result.latencyNanos().length, op));
        System.out.printf("  satellite CPU alone would allow ~%,.0f %s on %d cores%n",
                result.cpu().satelliteCeilingPerSecond(result.latencyNanos().length), unit, cores);
        result.outcomes().forEach((outcome, count) -> {
            if (!outcome.equals(Load.OK)) {
                System.out.printf("  failed: %-60s %d%n", outcome, count);
            }
        });
        System.out.println();
    }

    private void probe(Load.Timed result, String unit, String op) {
        System.out.printf("    %,.0f %s; CPU: %s%n", result.perSecond(), unit, result.cpu().describe(result.completed(), op));
        System.out.printf("    satellite CPU alone would allow ~%,.0f %s on %d cores; outcomes: %s%n",
                result.cpu().satelliteCeilingPerSecond(result.completed()), unit, cores, result.outcomes());
    }

    /** With the share of the machine other processes took meanwhile, since that makes the bare limit lower. */
    private static void rate(String what, Load.Timed result, String unit) {
        System.out.printf("  %-26s %,10.0f%-22s other processes %3.0f %% of the machine%s%n", what, result.perSecond(), unit,
                100 * result.cpu().otherShare(), result.outcomes().keySet().equals(Set.of(Load.OK)) ? "" : "  " + result.outcomes());
    }

    private void summary(double bareLimit, Load.Counted registrations) {
        double rate = registrations.okPerSecond();
        double share = rate / bareLimit;
        System.out.printf("%nSummary%n");
        line("cores", String.valueOf(cores));
        line("registrations/s", String.format("%,.0f (p50 %.1f ms, p99 %.1f ms, %d failed)", rate,
                registrations.percentileMs(50), registrations.percentileMs(99), registrations.latencyNanos().length - registrations.ok()));
        line("bare limit, all cores", String.format("%,.0f sign+commit/s", bareLimit));
        line("registrations / bare limit", String.format("%.1f %%", 100 * share));
        line("CPU during registration", registrations.cpu().describe(registrations.latencyNanos().length, "reg"));
        line(String.format("aim: >= %,.0f registrations/s", AIM_PER_SECOND), String.format("%s (%.0f %% of the aim)",
                rate >= AIM_PER_SECOND ? "met" : "NOT met", 100 * rate / AIM_PER_SECOND));
        line(String.format("aim: >= %.0f %% of the bare limit, 2 cores", 100 * AIM_SHARE_OF_BARE),
                (share >= AIM_SHARE_OF_BARE ? "met" : "NOT met") + (cores == 2 ? "" : " (measured on " + cores + " cores)"));
    }

    private static void line(String label, String value) {
        System.out.printf("  %-40s %s%n", label, value);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
