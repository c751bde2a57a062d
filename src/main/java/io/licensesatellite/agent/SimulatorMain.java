package io.licensesatellite.agent;

import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.SmartAgent.Attempt;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The device simulator's command line. Devices live in a state directory, so that separate runs act as
 * the same devices; the satellite's URL and trust settings given at registration are remembered there too.
 */
public final class SimulatorMain {
    static final String USAGE = """
            Usage: simulator <command> [options]

            Commands:
              register    --url URL --token TOKEN [--pid PID] [--serial SN] [--force]
                          [--devices N --concurrency C] [--transport callhome|smart]
                          Register one device, or N devices with serials SN-0001..SN-N.
              authorize   --tag "TAG=count" [--tag ...]   Set the licences in use and request authorisation.
              renew-auth                                  Renew the authorisation now.
              renew-id                                    Renew the ID certificate now.
              deregister                                  Deregister.
              status                                      Print 'show license status'.
              run         --duration PT1H                 Run the devices' timers in real time.
              slp-serve   [--devices N] [--port P] [--tag "TAG=count" ...] [--username U] [--password-file F]
                          [--duration PT1H]
                          Serve N Smart Licensing Using Policy devices, each with the smartlic REST API
                          (/smartlic-service) on https://127.0.0.1:P+i (any free ports without --port), for a
                          satellite to pull usage from. The password is read from F, or made once and kept in
                          the state directory (slp-device-password); each device's certificate fingerprint is
                          printed so it can be checked against what the satellite pins.

            Smart Licensing Using Policy devices (kept in <state-dir>/slp):
            """ + SlpCommandLine.USAGE + """

            Options for every command:
              --state-dir DIR    where the devices are kept (default ./agent-state)
              --serial SN        act on this device only (default: every device in the state directory)
              --concurrency C    how many devices talk to the satellite at once (default 1)
              --ca PEM           trust the door's certificate (or its CA) in this PEM file
              --insecure         trust any certificate: for labs only, anyone in between can read the token
              --url URL          the device door, e.g. https://satellite:8444 (remembered from register)
              --help             this text

            Exit status: 0 when every exchange succeeded, 1 when the satellite refused or was unreachable,
            2 for a usage error.
            """;
    static final String DEFAULT_STATE_DIR = "./agent-state";
    static final String DEFAULT_PID = "C9300-24T";
    private static final String SETTINGS_FILE = "satellite.properties";
    private static final Set<String> COMMON = Set.of("state-dir", "serial", "concurrency", "ca", "insecure", "url", "transport");

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    SimulatorMain(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        // Quarkus's log manager is on the class path; naming it first keeps the JDK from warning about it.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        System.exit(new SimulatorMain(System.out, System.err, Clock.systemUTC()).run(args));
    }

    int run(String[] args) {
        SimulatorArguments arguments;
        try {
            arguments = SimulatorArguments.parse(args);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        if (arguments.flag("help") || arguments.command == null) {
            out.print(USAGE);
            return arguments.flag("help") ? 0 : 2;
        }
        try {
            return switch (arguments.command) {
                case "register" -> register(arguments);
                case "authorize" -> {
                    arguments.allowOnly(union("tag"));
                    List<Entitlement> entitlements = arguments.values("tag").stream().map(Entitlement::parse).toList();
                    if (entitlements.isEmpty()) {
                        throw new IllegalArgumentException("authorize needs at least one --tag \"TAG=count\"");
                    }
                    yield each(arguments, agent -> agent.authorize(entitlements));
                }
                case "renew-auth" -> {
                    arguments.allowOnly(COMMON);
                    yield each(arguments, SmartAgent::renewAuthorization);
                }
                case "renew-id" -> {
                    arguments.allowOnly(COMMON);
                    yield each(arguments, SmartAgent::renewIdCertificate);
                }
                case "deregister" -> {
                    arguments.allowOnly(COMMON);
                    yield each(arguments, SmartAgent::deregister);
                }
                case "status" -> status(arguments);
                case "run" -> runTimers(arguments);
                case "slp-serve" -> {
                    arguments.allowOnly(union("devices", "port", "pid", "tag", "username", "password-file", "duration"));
                    yield new SlpServeCommand(out, clock).run(arguments,
                            Path.of(arguments.value("state-dir").orElse(DEFAULT_STATE_DIR)));
                }
                case "slp-measure", "slp-push", "slp-save", "slp-import", "slp-status" -> slp(arguments);
                default -> usageError("unknown command '" + arguments.command + "'");
            };
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        } catch (IllegalStateException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int slp(SimulatorArguments arguments) {
        try {
            return new SlpCommandLine(out, err, clock).run(arguments);
        } catch (java.io.IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int register(SimulatorArguments arguments) {
        arguments.allowOnly(union("token", "pid", "force", "devices"));
        String token = arguments.value("token").orElseThrow(() -> new IllegalArgumentException("register needs --token"));
        int devices = arguments.positiveInt("devices", 1);
        AgentStateStore store = store(arguments);
        Settings settings = settings(arguments, store, true);
        String pid = arguments.value("pid").orElse(DEFAULT_PID);
        List<String> serials = new ArrayList<>();
        Optional<String> serial = arguments.value("serial");
        if (devices == 1) {
            List<String> known = store.serials();
            serials.add(serial.orElseGet(() -> known.size() == 1 ? known.get(0) : newSerial()));
        } else {
            String base = serial.orElseGet(SimulatorMain::newSerial);
            for (int i = 1; i <= devices; i++) {
                serials.add(String.format(Locale.ROOT, "%s-%04d", base, i));
            }
        }
        serials.forEach(AgentStateStore::checkSerial);
        settings.save(store.directory());
        SmartAgentClient client = settings.client(clock, err);
        boolean force = arguments.flag("force");
        List<SmartAgent> agents = serials.stream()
                .map(sn -> SmartAgent.loadOrCreate(store, pid, sn, client, clock))
                .toList();
        return perform(agents, arguments.positiveInt("concurrency", 1), agent -> agent.register(token, force));
    }

    private int each(SimulatorArguments arguments, Function<SmartAgent, Attempt> action) {
        AgentStateStore store = store(arguments);
        SmartAgentClient client = settings(arguments, store, false).client(clock, err);
        return perform(agents(arguments, store, client), arguments.positiveInt("concurrency", 1), action);
    }

    private int status(SimulatorArguments arguments) {
        arguments.allowOnly(COMMON);
        AgentStateStore store = store(arguments);
        // Printing needs no satellite: no client is built, so no URL or trust is needed.
        List<SmartAgent> agents = agents(arguments, store, null);
        for (SmartAgent agent : agents) {
            if (agents.size() > 1) {
                out.println("=== " + agent.serialNumber() + " ===");
            }
            out.println(agent.showLicenseStatus(clock.instant()));
        }
        return 0;
    }

    private int runTimers(SimulatorArguments arguments) throws IllegalArgumentException {
        arguments.allowOnly(union("duration"));
        String text = arguments.value("duration").orElseThrow(() -> new IllegalArgumentException("run needs --duration, e.g. PT1H"));
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--duration must be an ISO-8601 duration such as PT1H or P2D, not '" + text + "'");
        }
        AgentStateStore store = store(arguments);
        SmartAgentClient client = settings(arguments, store, false).client(clock, err);
        List<SmartAgent> agents = agents(arguments, store, client);
        int concurrency = arguments.positiveInt("concurrency", 1);
        Instant deadline = clock.instant().plus(duration);
        // Timers are read from the clock, but the run also ends after its duration of real time, so a
        // clock that does not move (tests, a suspended VM) cannot keep it going for ever.
        long realDeadline = System.nanoTime() + duration.toNanos();
        out.println("Running " + agents.size() + " device(s) until " + deadline);
        boolean allSucceeded = true;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            while (true) {
                Instant now = clock.instant();
                List<SmartAgent> due = agents.stream().filter(a -> a.nextAction(now).dueAt(now)).toList();
                for (Future<Optional<Attempt>> attempt : submitAll(pool, due, SmartAgent::runDue)) {
                    Optional<Attempt> done = get(attempt);
                    if (done.isPresent()) {
                        allSucceeded &= done.get().succeeded();
                    }
                }
                Instant later = clock.instant();
                long realRemaining = realDeadline - System.nanoTime();
                if (!later.isBefore(deadline) || realRemaining <= 0) {
                    break;
                }
                Instant next = agents.stream().map(a -> a.nextAction(later))
                        .filter(a -> a.kind() != SmartAgent.NextAction.Kind.NONE)
                        .map(SmartAgent.NextAction::at).min(Instant::compareTo).orElse(deadline);
                Instant wake = next.isBefore(deadline) ? next : deadline;
                long sleepMillis = Math.min(Duration.between(later, wake).toMillis(), realRemaining / 1_000_000);
                Thread.sleep(Math.max(1, sleepMillis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
        } finally {
            pool.shutdownNow();
        }
        return allSucceeded ? 0 : 1;
    }

    private int perform(List<SmartAgent> agents, int concurrency, Function<SmartAgent, Attempt> action) {
        long started = System.nanoTime();
        int failed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, agents.size()));
        try {
            for (Future<Attempt> attempt : submitAll(pool, agents, action)) {
                if (!get(attempt).succeeded()) {
                    failed++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (agents.size() > 1) {
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "%d device(s): %d succeeded, %d failed in %.2f s (%.1f/s)%n", agents.size(),
                    agents.size() - failed, failed, seconds, agents.size() / seconds);
        }
        return failed == 0 ? 0 : 1;
    }

    private <T> List<Future<T>> submitAll(ExecutorService pool, List<SmartAgent> agents, Function<SmartAgent, T> action) {
        List<Future<T>> futures = new ArrayList<>();
        for (SmartAgent agent : agents) {
            futures.add(pool.submit(() -> {
                T result = action.apply(agent);
                report(agent, result);
                return result;
            }));
        }
        return futures;
    }

    private synchronized void report(SmartAgent agent, Object result) {
        if (result instanceof Attempt attempt) {
            print(agent, attempt);
        } else if (result instanceof Optional<?> optional && optional.isPresent() && optional.get() instanceof Attempt attempt) {
            print(agent, attempt);
        }
    }

    private void print(SmartAgent agent, Attempt attempt) {
        String what = attempt.action() == SmartAgent.NextAction.Kind.NONE ? "" : attempt.action().name().toLowerCase(Locale.ROOT) + " ";
        (attempt.succeeded() ? out : err).println(agent.serialNumber() + ": " + what + attempt.status() + ": " + attempt.message());
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private List<SmartAgent> agents(SimulatorArguments arguments, AgentStateStore store, SmartAgentClient client) {
        List<String> serials = arguments.value("serial").map(List::of).orElseGet(store::serials);
        if (serials.isEmpty()) {
            throw new IllegalStateException("no simulated device in " + store.directory() + "; run 'register' first");
        }
        List<SmartAgent> agents = new ArrayList<>();
        for (String serial : serials) {
            agents.add(SmartAgent.load(store, serial, client, clock)
                    .orElseThrow(() -> new IllegalStateException("no device " + serial + " in " + store.directory())));
        }
        return agents;
    }

    private static AgentStateStore store(SimulatorArguments arguments) {
        return new AgentStateStore(Path.of(arguments.value("state-dir").orElse(DEFAULT_STATE_DIR)));
    }

    private int usageError(String message) {
        err.println("error: " + message);
        err.println("Run with --help for usage.");
        return 2;
    }

    private static Set<String> union(String... extra) {
        Set<String> all = new java.util.HashSet<>(COMMON);
        all.addAll(List.of(extra));
        return all;
    }

    private static String newSerial() {
        return "SIM" + HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** Where the satellite is and how to trust it; given at registration, remembered in the state directory. */
    record Settings(URI url, Framing framing, Path ca, boolean insecure) {

        SmartAgentClient client(Clock clock, PrintStream err) {
            if (url == null) {
                throw new IllegalArgumentException("--url is required (it is remembered once a device has registered)");
            }
            SSLContext tls;
            if (insecure) {
                err.println("WARNING: --insecure: the satellite's TLS certificate is not checked. For labs only: anyone "
                        + "in between can read registration tokens and answer in the satellite's place.");
                tls = AgentTls.insecure();
            } else if (ca != null) {
                tls = AgentTls.trusting(ca);
            } else {
                try {
                    tls = SSLContext.getDefault();
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException("TLS is unavailable", e);
                }
            }
            return SmartAgentClient.overHttps(url, tls, framing, clock);
        }

        void save(Path directory) {
            Properties properties = new Properties();
            properties.setProperty("url", url.toString());
            properties.setProperty("transport", framing == Framing.AML ? "callhome" : "smart");
            if (ca != null) {
                properties.setProperty("ca", ca.toAbsolutePath().toString());
            }
            properties.setProperty("insecure", Boolean.toString(insecure));
            try {
                Files.createDirectories(directory);
                try (OutputStream stream = Files.newOutputStream(directory.resolve(SETTINGS_FILE))) {
                    properties.store(stream, "The satellite these simulated devices talk to");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + directory.resolve(SETTINGS_FILE), e);
            }
        }
    }

    private static Settings settings(SimulatorArguments arguments, AgentStateStore store, boolean registering) {
        Properties saved = new Properties();
        Path file = store.directory().resolve(SETTINGS_FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream stream = Files.newInputStream(file)) {
                saved.load(stream);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        String url = arguments.value("url").orElse(saved.getProperty("url"));
        if (url == null && registering) {
            throw new IllegalArgumentException("register needs --url, e.g. --url https://satellite:8444");
        }
        URI uri = null;
        if (url != null) {
            uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("--url must start with https:// (or http:// for the deprecated plain door)");
            }
        }
        String transport = arguments.value("transport").orElse(saved.getProperty("transport", "callhome"));
        Framing framing = switch (transport) {
            case "callhome" -> Framing.AML;
            case "smart" -> Framing.JSON;
            default -> throw new IllegalArgumentException("--transport must be callhome or smart, not '" + transport + "'");
        };
        boolean insecure = arguments.flag("insecure");
        Path ca = arguments.value("ca").map(Path::of).orElse(null);
        if (insecure && ca != null) {
            throw new IllegalArgumentException("give either --ca or --insecure, not both");
        }
        if (!insecure && ca == null) {
            insecure = Boolean.parseBoolean(saved.getProperty("insecure", "false"));
            ca = Optional.ofNullable(saved.getProperty("ca")).map(Path::of).orElse(null);
        }
        if (ca != null && !Files.isReadable(ca)) {
            throw new IllegalArgumentException("cannot read the --ca file " + ca);
        }
        return new Settings(uri, framing, ca, insecure);
    }
}
