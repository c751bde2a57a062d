package io.licensesatellite.upstream;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The upstream emulator's command line. Off by default: nothing in the satellite starts it. */
public final class UpstreamMain {
    static final String USAGE = """
            Usage: upstream [--state DIR] <command> [options]

            A stand-in for the upstream (CSSM) for labs and tests. State (CA, keys, accounts.yml, satellites)
            lives in DIR (default ./upstream-state).

            Commands:
              init      [--name NAME] [--tls-name HOST]...
                        Create the CA, file signer, TLS certificate (127.0.0.1, localhost, HOSTs) and an example
                        accounts.yml, where missing. Safe to run again; --tls-name re-issues the TLS certificate.
              accounts  Check accounts.yml and list its accounts and licence lines.
              register  --file REGISTRATION.yml --smart-account SA --virtual-account VA [--virtual-account VA]...
                        [--sync-url https://HOST:PORT/sync/v1/exchange] [--out FILE|DIR]
                        Register a satellite; writes its authorization file (default: next to the input).
              answer    --file REQUEST.yml [--out FILE|DIR]
                        Answer a sync request; writes the response file (default: next to the input).
              serve     [--host 127.0.0.1] [--port 9443] [--polls-before-complete N] [--poll-interval SECONDS]
                        Serve POST /sync/v1/exchange over mutual TLS until stopped (Ctrl-C).
              oauth-client --smart-account SA [--client-id ID]
                        Create an OAuth client for the usage REST API; prints its secret once.
              policy    --smart-account SA --virtual-account VA [--name NAME] [--unenforced-perpetual F/R/C]
                        [--unenforced-subscription F/R/C] [--enforced F/R/C] [--export F/R/C]
                        (--name default: back to the CISCO default)
                        The policy acknowledgements for that VA carry (days: first report/frequency/on change).
              usage-answer --file UD_SA_<ts>.tar.gz [--out FILE|DIR]
                        Acknowledge an offline usage bundle; writes ACK_UD_SA_<ts>.tar.gz.
              show      [--satellite ID] [--events N]
                        What each satellite reported: last sync, instances, usage, last N events (default 10).

            Exit status: 0 done, 1 refused or failed (the reason is printed), 2 usage error.
            """;
    static final String DEFAULT_STATE_DIR = "upstream-state";
    static final int DEFAULT_PORT = 9443;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    UpstreamMain(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        System.exit(new UpstreamMain(System.out, System.err, Clock.systemUTC()).run(args));
    }

    /** Runs one command; returns the exit status instead of exiting. */
    int run(String[] args) {
        UpstreamArguments arguments;
        try {
            arguments = UpstreamArguments.parse(args);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        if (arguments.help) {
            out.print(USAGE);
            return 0;
        }
        if (arguments.command == null) {
            return usageError("name a command");
        }
        Path state = Path.of(arguments.value("state").orElse(DEFAULT_STATE_DIR));
        UpstreamEmulator emulator = new UpstreamEmulator(state, clock);
        try {
            return switch (arguments.command) {
                case "init" -> init(emulator, arguments);
                case "accounts" -> accounts(emulator, arguments);
                case "register" -> register(emulator, arguments);
                case "answer" -> answer(emulator, arguments);
                case "serve" -> serve(emulator, arguments);
                case "show" -> show(emulator, arguments);
                case "oauth-client" -> oauthClient(emulator, arguments);
                case "policy" -> policy(emulator, arguments);
                case "usage-answer" -> usageAnswer(emulator, arguments);
                default -> usageError("unknown command '" + arguments.command + "'");
            };
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        } catch (EmulatorException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int init(UpstreamEmulator emulator, UpstreamArguments arguments) {
        arguments.allowOnly("name", "tls-name");
        UpstreamEmulator.Initialised initialised = emulator.init(arguments.value("name").orElse(null), arguments.values("tls-name"));
        if (initialised.created().isEmpty()) {
            out.println("Nothing to do: the upstream emulator in " + emulator.accountsFile().getParent() + " is complete.");
        }
        for (String created : initialised.created()) {
            out.println("created " + created);
        }
        out.println("Edit " + emulator.accountsFile() + " to hold your accounts and licences.");
        return 0;
    }

    private int accounts(UpstreamEmulator emulator, UpstreamArguments arguments) {
        arguments.allowOnly();
        Accounts accounts = emulator.accounts();
        out.println(emulator.accountsFile() + " is valid.");
        for (Accounts.SmartAccount sa : accounts.smartAccounts()) {
            out.println("Smart Account " + sa.name());
            for (Accounts.VirtualAccount va : sa.virtualAccounts()) {
                out.println("  Virtual Account " + va.name() + (va.description() == null ? "" : " (" + va.description() + ")"));
                for (Accounts.LicenseLine line : va.licenses()) {
                    out.println("    " + line.quantity() + " x " + line.displayName() + "  " + line.type()
                            + (line.endDate() == null ? "" : " until " + line.endDate()) + "  " + line.tag());
                }
            }
        }
        return 0;
    }

    private int register(UpstreamEmulator emulator, UpstreamArguments arguments) {
        arguments.allowOnly("file", "smart-account", "virtual-account", "sync-url", "out");
        Path input = Path.of(arguments.required("file"));
        String smartAccount = arguments.required("smart-account");
        List<String> virtualAccounts = arguments.values("virtual-account");
        if (virtualAccounts.isEmpty()) {
            throw new IllegalArgumentException("'register' needs at least one --virtual-account");
        }
        UpstreamEmulator.Registered registered = emulator.register(read(input), smartAccount, virtualAccounts,
                arguments.value("sync-url").orElse(null));
        Path written = write(output(arguments, input, registered.fileName()), registered.authorizationFile());
        out.println((registered.reRegistration() ? "Registered again" : "Registered") + " satellite "
                + registered.satelliteName() + " (" + registered.satelliteId() + ") to Smart Account " + smartAccount
                + ", Virtual Accounts " + String.join(", ", virtualAccounts) + ".");
        out.println("Authorization file: " + written);
        return 0;
    }

    private int answer(UpstreamEmulator emulator, UpstreamArguments arguments) {
        arguments.allowOnly("file", "out");
        Path input = Path.of(arguments.required("file"));
        UpstreamEmulator.Answered answered = emulator.answer(read(input));
        Path written = write(output(arguments, input, answered.fileName()), answered.responseFile());
        var licenses = answered.response().licenses();
        out.println("Answered request " + answered.sequence() + " of satellite " + answered.satelliteName() + " ("
                + answered.satelliteId() + ")" + (answered.repeated() ? ", again" : "") + ": "
                + (licenses.complete() ? "complete licences, " : "changed licences only, ") + licenses.virtualAccounts().size()
                + " Virtual Account(s), " + answered.response().alerts().size() + " alert(s)"
                + (answered.response().renewedCertificatePem() == null ? "" : ", renewed certificate") + ".");
        out.println("Response file: " + written);
        return 0;
    }

    private int serve(UpstreamEmulator emulator, UpstreamArguments arguments) {
        arguments.allowOnly("host", "port", "polls-before-complete", "poll-interval");
        emulator.slp().options(new SlpUpstream.Options(arguments.integer("polls-before-complete", 1, 0, 1000),
                arguments.integer("poll-interval", 300, 0, 86400)));
        String host = arguments.value("host").orElse("127.0.0.1");
        int port = arguments.integer("port", DEFAULT_PORT, 0, 65535);
        UpstreamServer server = emulator.serve(host, port, line -> out.println(java.time.Instant.now(clock) + " " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "upstream-stop"));
        out.println("Serving " + server.exchangeUrl() + " (mutual TLS; client certificates from " + emulator.upstreamName()
                + "'s CA). Stop with Ctrl-C.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    private int show(UpstreamEmulator emulator, UpstreamArguments arguments) {
        arguments.allowOnly("satellite", "events");
        out.print(emulator.show(arguments.value("satellite").orElse(null), arguments.integer("events", 10, 0, 1000)));
        return 0;
    }

    private int oauthClient(UpstreamEmulator emulator, UpstreamArguments arguments) {
        arguments.allowOnly("smart-account", "client-id");
        UpstreamEmulator.OAuthClient client = emulator.createOAuthClient(arguments.required("smart-account"),
                arguments.value("client-id").orElse(null));
        out.println("Created OAuth client for Smart Account " + client.smartAccount() + ". The secret is shown only now:");
        out.println("client_id:     " + client.clientId());
        out.println("client_secret: " + client.clientSecret());
        return 0;
    }

    private int policy(UpstreamEmulator emulator, UpstreamArguments arguments) {
        arguments.allowOnly("smart-account", "virtual-account", "name", "unenforced-perpetual", "unenforced-subscription",
                "enforced", "export");
        String sa = arguments.required("smart-account");
        String va = arguments.required("virtual-account");
        if (arguments.value("name").filter(n -> n.equalsIgnoreCase("default")).isPresent()) {
            emulator.slp().setPolicy(sa, va, null);
            out.println("Virtual Account " + va + " is back on the CISCO default policy.");
            return 0;
        }
        io.licensesatellite.sync.file.slp.Policy base = io.licensesatellite.sync.file.slp.Policy.ciscoDefault();
        var enforced = terms(arguments, "enforced", base.enforcedPerpetual());
        var export = terms(arguments, "export", base.exportPerpetual());
        var policy = new io.licensesatellite.sync.file.slp.Policy(arguments.value("name").orElse("Custom Policy"), true,
                terms(arguments, "unenforced-perpetual", base.unenforcedPerpetual()),
                terms(arguments, "unenforced-subscription", base.unenforcedSubscription()), enforced, enforced, export, export);
        emulator.slp().setPolicy(sa, va, policy);
        out.println("Virtual Account " + va + " now gets policy '" + policy.name() + "' with its acknowledgements.");
        return 0;
    }

    private static io.licensesatellite.sync.file.slp.Policy.Terms terms(UpstreamArguments arguments, String name,
            io.licensesatellite.sync.file.slp.Policy.Terms fallback) {
        String text = arguments.value(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        String[] parts = text.split("/");
        if (parts.length != 3 || !text.matches("\\d{1,4}/\\d{1,4}/\\d{1,4}")) {
            throw new IllegalArgumentException("--" + name + " takes FIRST/FREQUENCY/ON-CHANGE in days, e.g. 365/0/90, not '" + text + "'");
        }
        return new io.licensesatellite.sync.file.slp.Policy.Terms(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]));
    }

    private int usageAnswer(UpstreamEmulator emulator, UpstreamArguments arguments) {
        arguments.allowOnly("file", "out");
        Path input = Path.of(arguments.required("file"));
        byte[] bundle = read(input);
        if (bundle.length > 256L * 1024 * 1024) {
            throw new EmulatorException(EmulatorError.TOO_LARGE, "the bundle is larger than 256 MiB");
        }
        SlpUpstream.BundleAnswer answer = emulator.slp().answerBundle(bundle, input.getFileName().toString());
        Path written = write(output(arguments, input, answer.fileName()), answer.bundle());
        out.println("Acknowledged " + answer.reports() + " report(s) of " + answer.devices() + " device(s), answered "
                + answer.authorizations() + " authorisation request(s)."
                + (answer.skipped().isEmpty() ? "" : " Not acknowledged (no such Virtual Account here): "
                        + String.join(", ", answer.skipped()) + "."));
        out.println("Acknowledgement bundle: " + written);
        return 0;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** --out: a directory (the file gets the name of docs/sync.md) or a file; by default next to the input. */
    private static Path output(UpstreamArguments arguments, Path input, String fileName) {
        Path out = arguments.value("out").map(Path::of).orElse(null);
        if (out == null) {
            Path dir = input.toAbsolutePath().getParent();
            return dir.resolve(fileName);
        }
        return Files.isDirectory(out) ? out.resolve(fileName) : out;
    }

    private static Path write(Path file, byte[] content) {
        try {
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private int usageError(String message) {
        err.println("error: " + message);
        err.println("Run with --help for usage.");
        return 2;
    }
}
