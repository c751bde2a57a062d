package io.licensesatellite.bench;

import io.licensesatellite.testing.InsecureTls;
import io.licensesatellite.testing.SatelliteProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The admin console's lists over a million product instances: fills the packaged satellite's own H2 file database
 * (schema by Flyway at the satellite's first start) with instances, licences and events through
 * {@code INSERT ... SELECT ... FROM SYSTEM_RANGE}, starts the satellite on it and times the instance list (first,
 * middle and last page; filtered by Virtual Account, state and hostname substring; sorted by last contact and
 * hostname), the event log and the dashboard over HTTPS with one kept-alive client. Prints p50 and p99 per call and
 * the database size; never asserts. Run with {@code bench/console.sh}.
 */
public final class ConsoleBenchmark {
    static final String USAGE = """
            Usage: bench/console.sh [options]   (or ./mvnw -q exec:java@bench-console -Dexec.args="[options]")
              --instances N   product instances (default 1000000)
              --accounts A    Virtual Accounts they spread over (default 50)
              --calls C       timed calls per row, after 3 warm-up calls (default 40)
              --data-dir DIR  reuse a database generated earlier with the same counts (kept after the run)
              --jar PATH      the packaged satellite (default target/quarkus-app/quarkus-run.jar)
              --help          this text
            """;
    static final double AIM_P99_MS = 200;
    static final int CHUNK = 50_000;
    /** The tables filled in bulk: their plain secondary indexes are dropped for the load and recreated after it. */
    static final java.util.Set<String> LOADED_TABLES = java.util.Set.of("PRODUCT_INSTANCE", "DEVICE_EVENT", "LICENSE_RESERVATION");
    static final Pattern CREATE_INDEX = Pattern.compile("^CREATE INDEX \"PUBLIC\"\\.\"([^\"]+)\" ON \"PUBLIC\"\\.\"([^\"]+)\"");
    static final String[] PIDS = {"C9300-24T", "C9300-48P", "C9200L-24P-4G", "C9500-32C", "ISR4331/K9", "N9K-C93180YC-FX",
        "ASR-9901", "C8300-1N1S-6T"};
    static final String[] STATES = {"AUTHORIZED", "REGISTERED", "OUT_OF_COMPLIANCE", "AUTHORIZATION_EXPIRED"};
    static final int TAGS_PER_ACCOUNT = 10;

    private ConsoleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int instances = 1_000_000;
        int accounts = 50;
        int calls = 40;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--instances" -> instances = Integer.parseInt(args[++i]);
                case "--accounts" -> accounts = Integer.parseInt(args[++i]);
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
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
        if (dataDir == null) {
            dataDir = Files.createDirectories(Files.createTempDirectory("console-bench-").resolve("data"));
        }
        Path db = dataDir.resolve("db/satellite.mv.db");
        if (!Files.exists(db)) {
            Files.createDirectories(dataDir);
            try (SatelliteProcess satellite = new SatelliteProcess(dataDir).start()) {
                for (int v = 0; v < accounts; v++) {
                    ok(satellite.admin("POST", "/api/v1/virtual-accounts", "{\"name\":\"Bench VA " + v + "\"}"));
                }
                // The admin API takes bearer tokens only, and the first login changes the initial password: keep the token.
                Files.writeString(dataDir.resolve("bench-bearer-token"), satellite.bearer());
            }
            long started = System.nanoTime();
            generate(dataDir, instances, accounts);
            System.out.printf("generated %,d product instances over %d Virtual Accounts, with licences and events, in %.0f s%n",
                    instances, accounts, (System.nanoTime() - started) / 1e9);
        } else {
            System.out.println("reusing the database in " + dataDir);
        }
        System.out.printf("database on disk: %s (%s)%n", mib(size(dataDir.resolve("db"))), db);

        try (SatelliteProcess satellite = new SatelliteProcess(dataDir).start()) {
            Api api = new Api(satellite.adminUri(), Files.readString(dataDir.resolve("bench-bearer-token")).strip());
            String firstVa = firstMatch(api.get("/api/v1/virtual-accounts?sort=id&size=1").body(), "\"id\":(\\d+)");
            Map<String, String> rows = rows(api, firstVa);
            System.out.printf("%ncores %d, load average before timing: %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
            System.out.printf("%-58s %8s %8s %8s %10s%n", "call", "p50 ms", "p99 ms", "max ms", "total");
            double worst = 0;
            for (Map.Entry<String, String> row : rows.entrySet()) {
                double[] ms = new double[calls];
                String total = "";
                for (int warm = 0; warm < 3; warm++) {
                    total = total(api.get(row.getValue()).body());
                }
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = api.get(row.getValue());
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(row.getValue() + " -> HTTP " + r.statusCode() + ": " + r.body());
                    }
                }
                Arrays.sort(ms);
                double p99 = percentile(ms, 0.99);
                worst = Math.max(worst, p99);
                System.out.printf("%-58s %8.1f %8.1f %8.1f %10s%n", row.getKey(), percentile(ms, 0.50), p99, ms[ms.length - 1], total);
            }
            System.out.printf("%nload average after timing: %s%nworst p99 %.0f ms (aim < %.0f ms): %s%n", loadAverage(), worst,
                    AIM_P99_MS, worst < AIM_P99_MS ? "met" : "NOT met");
            System.out.printf("satellite peak RSS %s%n", mib(satellite.peakResidentBytes()));
        }
    }

    /** The calls timed, by a name saying what they ask; middle and last pages from the totals the first pages report. */
    private static Map<String, String> rows(Api api, String va) throws Exception {
        String base = "/api/v1/product-instances?size=50";
        Map<String, String> rows = new LinkedHashMap<>();
        addPages(api, rows, "all, default sort (-registeredAt)", base);
        addPages(api, rows, "all, -lastContactAt", base + "&sort=-lastContactAt");
        addPages(api, rows, "all, hostname", base + "&sort=hostname");
        addPages(api, rows, "VA, -lastContactAt", base + "&virtualAccountId=" + va + "&sort=-lastContactAt");
        addPages(api, rows, "VA, hostname", base + "&virtualAccountId=" + va + "&sort=hostname");
        addPages(api, rows, "state OUT_OF_COMPLIANCE, -lastContactAt", base + "&state=OUT_OF_COMPLIANCE&sort=-lastContactAt");
        addPages(api, rows, "VA + state AUTHORIZED, default sort", base + "&virtualAccountId=" + va + "&state=AUTHORIZED");
        rows.put("hostname ~ 'ams01-core', first page", base + "&hostname=ams01-core");
        rows.put("hostname ~ 'ams01-core', hostname, first page", base + "&hostname=ams01-core&sort=hostname");
        rows.put("hostname ~ '-4242', first page", base + "&hostname=-4242");
        rows.put("pid C9500-32C, first page", base + "&pid=C9500-32C");
        rows.put("serialNumber, exact", base + "&serialNumber=FOC00424242");
        rows.put("events, first page (-occurredAt)", "/api/v1/events?size=50");
        rows.put("events of a VA, first page", "/api/v1/events?size=50&virtualAccountId=" + va);
        rows.put("events of a VA, page 100", "/api/v1/events?size=50&page=100&virtualAccountId=" + va);
        rows.put("dashboard", "/api/v1/dashboard");
        return rows;
    }

    private static void addPages(Api api, Map<String, String> rows, String name, String query) throws Exception {
        HttpResponse<String> first = api.get(query);
        if (first.statusCode() != 200 || total(first.body()).isEmpty()) {
            throw new IllegalStateException(query + " -> HTTP " + first.statusCode() + ": " + first.body());
        }
        long total = Long.parseLong(total(first.body()));
        long pages = Math.max(1, (total + 49) / 50);
        rows.put(name + ", first page", query);
        rows.put(name + ", middle page", query + "&page=" + pages / 2);
        rows.put(name + ", last page", query + "&page=" + (pages - 1));
    }

    /**
     * Everything in chunked {@code INSERT ... SELECT} statements over {@code SYSTEM_RANGE}: instances with a spread of
     * states, PIDs, hostnames (200 sites x 5 roles), registration over the last year and last contact over the last
     * 30 days; a licence reservation for every authorised or out-of-compliance one (one in ten borrowed from a higher
     * tier); the running totals and pools that match; two events per instance.
     */
    private static void generate(Path dataDir, int count, int accounts) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/satellite") + ";WRITE_DELAY=0";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String nowSql = "timestamp with time zone '" + now.toString().replace("T", " ").replace("Z", "+00") + "'";
        try (Connection db = DriverManager.getConnection(url, "satellite", ""); Statement s = db.createStatement()) {
            db.setAutoCommit(false);
            long vaMin;
            try (var rs = s.executeQuery("select min(id) from virtual_account where name like 'Bench VA%'")) {
                rs.next();
                vaMin = rs.getLong(1);
            }
            // The indexes as Flyway made them, to check that the database timed equals a migrated one.
            java.util.List<String> indexesBefore = indexShape(s);
            Map<String, String> dropped = dropSecondaryIndexes(s);
            db.commit();
            String pids = "array[" + String.join(", ", Stream.of(PIDS).map(p -> "'" + p + "'").toList()) + "]";
            String pem = "'" + "MIIB".repeat(150) + "'";
            for (long from = 0; from < count; from += CHUNK) {
                long to = Math.min(count, from + CHUNK) - 1;
                s.executeUpdate("insert into product_instance (id, va_id, udi_pid, udi_serial, hostname, product_name,"
                        + " software_version, state, export_controlled, public_key, id_cert_serial, id_cert_pem,"
                        + " id_cert_not_after, registered_at, last_contact_at, authorized_at, authorization_expires_at)"
                        + " select cast(random_uuid() as varchar), " + vaMin + " + mod(x, " + accounts + "),"
                        + " array_get(" + pids + ", cast(mod(x / 3, " + PIDS.length + ") + 1 as int)),"
                        + " 'FOC' || lpad(cast(x as varchar), 8, '0'),"
                        + " array_get(array['ams','fra','lon','par','nyc','sjc','sin','syd'], cast(mod(x / 7, 8) + 1 as int))"
                        + "   || lpad(cast(mod(x / 56, 25) + 1 as varchar), 2, '0') || '-'"
                        + "   || array_get(array['core','dist','acc','wan','dc'], cast(mod(x, 5) + 1 as int)) || '-' || x,"
                        + " 'Cisco Catalyst', '17.9.4',"
                        + " case when mod(x * 37, 100) < 85 then 'AUTHORIZED' when mod(x * 37, 100) < 93 then 'REGISTERED'"
                        + "   when mod(x * 37, 100) < 97 then 'OUT_OF_COMPLIANCE' else 'AUTHORIZATION_EXPIRED' end,"
                        + " false, X'00', cast(1000000 + x as varchar), " + pem + ","
                        + " dateadd(day, 300, " + nowSql + "),"
                        + " dateadd(second, -mod(x * 7919, 31536000), " + nowSql + "),"
                        + " dateadd(second, -mod(x * 104729, 2592000), " + nowSql + "),"
                        + " dateadd(second, -mod(x * 104729, 2592000), " + nowSql + "),"
                        + " dateadd(day, 90, dateadd(second, -mod(x * 104729, 2592000), " + nowSql + "))"
                        + " from system_range(" + from + ", " + to + ")");
                db.commit();
                if ((to + 1) % 200_000 == 0 || to + 1 == count) {
                    System.out.printf("  %,d instances at %s%n", to + 1, Instant.now());
                }
            }
            // Then, chunk by chunk of row ids: every instance's events (registered when it registered, then its last
            // authorisation) and licences (tag_0 is the higher tier of tags 1..9; one reservation in ten borrows from it).
            long rowMin;
            long rowMax;
            try (var rs = s.executeQuery("select min(_rowid_), max(_rowid_) from product_instance")) {
                rs.next();
                rowMin = rs.getLong(1);
                rowMax = rs.getLong(2);
            }
            for (long from = rowMin; from <= rowMax; from += CHUNK) {
                String rows = " from product_instance where _rowid_ between " + from + " and " + (from + CHUNK - 1);
                s.executeUpdate("insert into device_event (instance_id, udi, va_id, event_type, detail, occurred_at)"
                        + " select id, 'PID:' || udi_pid || ' SN:' || udi_serial, va_id, 'REGISTERED', null, registered_at" + rows);
                s.executeUpdate("insert into device_event (instance_id, udi, va_id, event_type, detail, occurred_at)"
                        + " select id, 'PID:' || udi_pid || ' SN:' || udi_serial, va_id, state, null, last_contact_at" + rows
                        + " and state in ('AUTHORIZED', 'OUT_OF_COMPLIANCE')");
                s.executeUpdate("insert into license_reservation (instance_id, va_id, requested_tag, charged_tag, quantity, covered, created_at)"
                        + " select id, va_id, 'regid.bench.tag_' || (1 + mod(cast(udi_serial_n as int), 9)),"
                        + " case when mod(cast(udi_serial_n as int), 10) = 0 then 'regid.bench.tag_0'"
                        + "   else 'regid.bench.tag_' || (1 + mod(cast(udi_serial_n as int), 9)) end,"
                        + " 1, state = 'AUTHORIZED', authorized_at"
                        + " from (select id, va_id, state, authorized_at, substring(udi_serial, 4) udi_serial_n" + rows
                        + " and state in ('AUTHORIZED', 'OUT_OF_COMPLIANCE')) i");
                db.commit();
            }
            System.out.printf("  events and licences at %s%n", Instant.now());
            s.executeUpdate("insert into license_usage (va_id, tag, covered, overdrawn)"
                    + " select va_id, charged_tag, sum(case when covered then quantity else 0 end),"
                    + " sum(case when covered then 0 else quantity end) from license_reservation group by va_id, charged_tag");
            s.executeUpdate("insert into license_pool (va_id, tag, display_name, quantity, license_type, higher_tier_tag, source,"
                    + " created_at, updated_at) select va.id, 'regid.bench.tag_' || t.x, 'Bench tag ' || t.x,"
                    + " coalesce((select covered from license_usage u where u.va_id = va.id and u.tag = 'regid.bench.tag_' || t.x), 0),"
                    + " 'PERPETUAL', case when t.x = 0 then null else 'regid.bench.tag_0' end, 'LOCAL', " + nowSql + ", " + nowSql
                    + " from virtual_account va, system_range(0, " + (TAGS_PER_ACCOUNT - 1) + ") t where va.name like 'Bench VA%'");
            db.commit();
            long t0 = System.nanoTime();
            for (String create : dropped.values()) {
                s.execute(create);
                db.commit();
            }
            System.out.printf("  %2$d indexes recreated at %1$s, in %3$.0f s%n", Instant.now(), dropped.size(), (System.nanoTime() - t0) / 1e9);
            java.util.List<String> indexesAfter = indexShape(s);
            if (!indexesAfter.equals(indexesBefore)) {
                throw new IllegalStateException("indexes differ from the migrated schema:\nbefore " + indexesBefore + "\nafter  " + indexesAfter);
            }
            System.out.printf("  INFORMATION_SCHEMA.INDEXES/INDEX_COLUMNS identical to the migrated schema (%d index columns)%n", indexesAfter.size());
            s.execute("analyze");
            db.commit();
            t0 = System.nanoTime();
            s.execute("shutdown compact");
            System.out.printf("  SHUTDOWN COMPACT in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Every index of the schema, column by column, as INFORMATION_SCHEMA describes it. */
    private static java.util.List<String> indexShape(Statement s) throws Exception {
        java.util.List<String> shape = new java.util.ArrayList<>();
        try (var rs = s.executeQuery("select i.table_name, i.index_name, i.index_type_name, c.ordinal_position, c.column_name,"
                + " c.ordering_specification, c.null_ordering, c.is_unique from information_schema.indexes i"
                + " join information_schema.index_columns c on c.index_schema = i.index_schema and c.index_name = i.index_name"
                + " where i.table_schema = 'PUBLIC' order by 1, 2, 4")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 8; i++) {
                    row.append(i == 1 ? "" : " ").append(rs.getString(i));
                }
                shape.add(row.toString());
            }
        }
        return shape;
    }

    /**
     * Drops the plain secondary indexes of the bulk-loaded tables (not those of primary keys, unique or foreign-key
     * constraints) and returns their definitions as H2's {@code SCRIPT} writes them, to recreate them after the load.
     */
    private static Map<String, String> dropSecondaryIndexes(Statement s) throws Exception {
        Map<String, String> creates = new LinkedHashMap<>();
        try (var rs = s.executeQuery("script nodata")) {
            while (rs.next()) {
                String sql = rs.getString(1).strip();
                Matcher m = CREATE_INDEX.matcher(sql);
                if (m.find() && LOADED_TABLES.contains(m.group(2))) {
                    creates.put(m.group(1), sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql);
                }
            }
        }
        for (var it = creates.keySet().iterator(); it.hasNext();) {
            String name = it.next();
            try {
                s.execute("drop index \"PUBLIC\".\"" + name + "\"");
            } catch (java.sql.SQLException usedByConstraint) {
                System.out.println("  kept index " + name + ": " + usedByConstraint.getMessage());
                it.remove();
            }
        }
        System.out.printf("  dropped %d secondary indexes for the load: %s%n", creates.size(), creates.keySet());
        return creates;
    }

    private static final class Api {
        private final URI base;
        private final String authorization;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(InsecureTls.context()).connectTimeout(Duration.ofSeconds(5)).build();

        Api(URI base, String bearerToken) {
            this.base = base;
            this.authorization = "Bearer " + bearerToken;
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String total(String body) {
        return firstMatch(body, "\"total\":(\\d+)");
    }

    private static String firstMatch(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        return m.find() ? m.group(1) : "";
    }

    static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0] + " "
                    + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[1];
        } catch (Exception notLinux) {
            return "n/a";
        }
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static String ok(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MiB", bytes / 1048576.0);
    }

}
