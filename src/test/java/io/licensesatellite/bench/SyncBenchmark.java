package io.licensesatellite.bench;

import io.licensesatellite.testing.SatelliteProcess;
import io.licensesatellite.upstream.Accounts;
import io.licensesatellite.upstream.UpstreamEmulator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sync file figures on the packaged satellite: writing a full request for many product instances, and importing a
 * response with many licence lines. Instances are generated straight into the stopped satellite's database (a
 * generator, not the simulator, for speed). Prints figures, never asserts. Run with {@code bench/sync.sh}.
 */
public final class SyncBenchmark {
    static final String USAGE = """
            Usage: bench/sync.sh [options]   (or ./mvnw -q exec:java@bench-sync -Dexec.args="[options]")
              --instances N   product instances in the request (default 100000)
              --lines L       licence lines in the response, over 10 VAs (default 10000)
              --runs R        times each operation is measured, after one warm-up (default 3)
              --jar PATH      the packaged satellite (default target/quarkus-app/quarkus-run.jar)
              --help          this text
            """;
    static final double AIM_EXPORT_SECONDS = 3;
    static final double AIM_IMPORT_SECONDS = 2;
    static final int ACCOUNTS = 10;

    private SyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        int instances = 100_000;
        int lines = 10_000;
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--instances" -> instances = Integer.parseInt(args[++i]);
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--jar" -> System.setProperty("satellite.app.jar", args[++i]);
                case "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> {
                    System.err.print("Unknown option " + args[i] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        Path work = Files.createTempDirectory("sync-bench-");
        Path dataDir = Files.createDirectories(work.resolve("data"));
        UpstreamEmulator upstream = new UpstreamEmulator(work.resolve("upstream"), Clock.systemUTC());
        upstream.init();
        List<String> vaNames = new ArrayList<>();
        for (int v = 0; v < ACCOUNTS; v++) {
            vaNames.add("Bench VA " + v);
        }
        upstream.saveAccounts(accounts(vaNames, lines / ACCOUNTS, 1));

        try (SatelliteProcess satellite = new SatelliteProcess(dataDir).start()) {
            byte[] registration = ok(satellite.adminFile("GET", "/api/v1/sync/registration-file", null));
            ok(satellite.adminFile("POST", "/api/v1/sync/authorization-file",
                    upstream.register(registration, "Bench SA", vaNames, null).authorizationFile()));
        }
        long generated = System.nanoTime();
        generateInstances(dataDir, instances);
        System.out.printf("generated %,d product instances (with a licence and an event each) in %.1f s%n", instances,
                (System.nanoTime() - generated) / 1e9);

        try (SatelliteProcess satellite = new SatelliteProcess(dataDir).start()) {
            long baseline = satellite.peakResidentBytes();
            byte[] request = null;
            double best = Double.MAX_VALUE;
            for (int run = 0; run <= runs; run++) {
                long started = System.nanoTime();
                request = ok(satellite.adminFile("POST", "/api/v1/sync/requests?type=full", null));
                double seconds = (System.nanoTime() - started) / 1e9;
                if (run > 0) {
                    best = Math.min(best, seconds);
                }
            }
            long afterExport = satellite.peakResidentBytes();
            System.out.printf("export: full request, %,d instances, %,d bytes: best of %d %.2f s (aim < %.0f s); peak RSS %s (was %s before)%n",
                    instances, request.length, runs, best, AIM_EXPORT_SECONDS, mib(afterExport), mib(baseline));

            double bestImport = Double.MAX_VALUE;
            for (int run = 0; run <= runs; run++) {
                upstream.saveAccounts(accounts(vaNames, lines / ACCOUNTS, run + 2));
                byte[] next = ok(satellite.adminFile("POST", "/api/v1/sync/requests?type=standard", null));
                byte[] response = upstream.answer(next).responseFile();
                long started = System.nanoTime();
                ok(satellite.adminFile("POST", "/api/v1/sync/responses", response));
                double seconds = (System.nanoTime() - started) / 1e9;
                if (run > 0) {
                    bestImport = Math.min(bestImport, seconds);
                }
            }
            System.out.printf("import: response with %,d licence lines (all changed): best of %d %.2f s (aim < %.0f s); peak RSS %s%n",
                    lines, runs, bestImport, AIM_IMPORT_SECONDS, mib(satellite.peakResidentBytes()));
        }
    }

    private static void generateInstances(Path dataDir, int count) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/satellite") + ";WRITE_DELAY=0";
        try (Connection db = DriverManager.getConnection(url, "satellite", "")) {
            db.setAutoCommit(false);
            long vaId;
            try (var rs = db.createStatement().executeQuery("select min(id) from virtual_account where name like 'Bench VA%'")) {
                rs.next();
                vaId = rs.getLong(1);
            }
            Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            Timestamp later = Timestamp.from(Instant.now().plus(300, ChronoUnit.DAYS));
            try (PreparedStatement instance = db.prepareStatement("insert into product_instance (id, va_id, udi_pid,"
                    + " udi_serial, hostname, state, export_controlled, public_key, id_cert_serial, id_cert_pem,"
                    + " id_cert_not_after, registered_at, last_contact_at, authorized_at, authorization_expires_at)"
                    + " values (?, ?, 'C9300-24T', ?, ?, 'AUTHORIZED', false, X'00', ?, 'generated', ?, ?, ?, ?, ?)");
                 PreparedStatement reservation = db.prepareStatement("insert into license_reservation (instance_id,"
                         + " va_id, requested_tag, charged_tag, quantity, covered, created_at) values (?, ?, ?, ?, 1, true, ?)");
                 PreparedStatement event = db.prepareStatement("insert into device_event (instance_id, udi, va_id,"
                         + " event_type, detail, occurred_at) values (?, ?, ?, 'REGISTERED', null, ?)")) {
                for (int i = 0; i < count; i++) {
                    String id = UUID.randomUUID().toString();
                    String serial = String.format("FOC%08d", i);
                    instance.setString(1, id);
                    instance.setLong(2, vaId);
                    instance.setString(3, serial);
                    instance.setString(4, "switch-" + i);
                    instance.setString(5, Integer.toString(1_000_000 + i));
                    instance.setTimestamp(6, later);
                    instance.setTimestamp(7, now);
                    instance.setTimestamp(8, now);
                    instance.setTimestamp(9, now);
                    instance.setTimestamp(10, later);
                    instance.addBatch();
                    reservation.setString(1, id);
                    reservation.setLong(2, vaId);
                    reservation.setString(3, "regid.bench.tag_" + (i % 50));
                    reservation.setString(4, "regid.bench.tag_" + (i % 50));
                    reservation.setTimestamp(5, now);
                    reservation.addBatch();
                    event.setString(1, id);
                    event.setString(2, "PID:C9300-24T SN:" + serial);
                    event.setLong(3, vaId);
                    event.setTimestamp(4, now);
                    event.addBatch();
                    if (i % 5_000 == 4_999) {
                        instance.executeBatch();
                        reservation.executeBatch();
                        event.executeBatch();
                        db.commit();
                    }
                }
                instance.executeBatch();
                reservation.executeBatch();
                event.executeBatch();
                db.commit();
            }
        }
    }

    private static Accounts accounts(List<String> vaNames, int linesPerAccount, int quantity) {
        List<Accounts.VirtualAccount> vas = new ArrayList<>();
        for (String name : vaNames) {
            List<Accounts.LicenseLine> lines = new ArrayList<>();
            for (int i = 0; i < linesPerAccount; i++) {
                lines.add(Accounts.LicenseLine.perpetual("regid.bench.tag_" + i, "Bench tag " + i, quantity));
            }
            vas.add(new Accounts.VirtualAccount(name, null, lines));
        }
        return new Accounts(List.of(new Accounts.SmartAccount("Bench SA", vas)));
    }

    private static byte[] ok(HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MiB", bytes / 1048576.0);
    }
}
