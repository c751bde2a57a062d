package io.licensesatellite.bench;

import io.licensesatellite.agent.AgentTls;
import io.licensesatellite.agent.slp.RumReport;
import io.licensesatellite.agent.slp.RumReportWriter;
import io.licensesatellite.agent.slp.SlpIdentity;
import io.licensesatellite.testing.SatelliteProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Usage ingest over the push door: D devices with T tags each push one report per tag (one push per device, each
 * report one measurement) to a running satellite over HTTPS with kept-alive connections on C client threads; then a
 * year of daily data for one VA and the p50/p99 of its daily usage query. Client and satellite share the machine's
 * cores. Run twice with {@code --group-commit 1} and the default to see what group commit buys.
 *
 * <p>Usage: {@code bench/usage.sh [--devices 10000] [--tags 20] [--concurrency 16] [--year-devices 50] [--queries 200]
 * [--group-commit 256] [--jar PATH]}
 */
public final class UsageBenchmark {
    private final int devices;
    private final int tags;
    private final int concurrency;
    private final int yearDevices;
    private final int queries;
    private final int groupCommit;
    private final int warmup;
    private final Path jar;

    private UsageBenchmark(String[] args) {
        devices = intArg(args, "--devices", 10_000);
        tags = intArg(args, "--tags", 20);
        concurrency = intArg(args, "--concurrency", 16);
        yearDevices = intArg(args, "--year-devices", 50);
        queries = intArg(args, "--queries", 200);
        groupCommit = intArg(args, "--group-commit", 256);
        warmup = intArg(args, "--warmup", 500);
        jar = Path.of(stringArg(args, "--jar", "target/quarkus-app/quarkus-run.jar"));
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            new UsageBenchmark(args).run();
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run() throws Exception {
        System.setProperty("satellite.app.jar", jar.toString());
        // keeps profiling options given on the command line (-Dsatellite.jvm.args=-XX:StartFlightRecording=...)
        System.setProperty("satellite.jvm.args", System.getProperty("satellite.jvm.args", "")
                + " -Dsatellite.usage.group-commit.max-reports=" + groupCommit);
        Path work = Files.createTempDirectory("usage-bench-");
        Path dataDir = Files.createDirectories(work.resolve("data"));
        System.out.printf("Usage ingest benchmark: %d cores shared by client and satellite, %d devices x %d tags, %d client threads,"
                + " group commit %d%n", Runtime.getRuntime().availableProcessors(), devices, tags, concurrency, groupCommit);
        System.out.println("Load average before: " + loadAverage());
        try (SatelliteProcess satellite = new SatelliteProcess(dataDir).start()) {
            satellite.admin("POST", "/api/v1/virtual-accounts", "{\"name\":\"Bench\"}");
            satellite.admin("POST", "/api/v1/virtual-accounts", "{\"name\":\"Year\"}");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(AgentTls.insecure()).build();
            URI push = satellite.deviceDoorUri().resolve("/cslu/v1/pi/" + URLEncoder.encode("Bench", StandardCharsets.UTF_8) + "-1");
            long end = Instant.now().minusSeconds(3600).getEpochSecond();
            // warm-up devices (not counted) in the same VA, then the measured ones; all bodies are built before the
            // clock starts: the client's work is not the satellite's
            List<String> warm = new ArrayList<>(warmup);
            for (int d = 0; d < warmup; d++) {
                warm.add(pushBody(String.format("BNW%07d", d), d, end, 1));
            }
            List<String> bodies = new ArrayList<>(devices);
            for (int d = 0; d < devices; d++) {
                bodies.add(pushBody(String.format("BNU%07d", d), d, end, 1));
            }
            if (warmup > 0) {
                long[] w = push(http, push, warm);
                System.out.printf("Warm-up: %d pushes (%d reports) in %.1f s, %d failed pushes, %d refused reports (not counted)%n",
                        warmup, (long) warmup * tags, w[2] / 1e9, w[0], w[1]);
            }
            Thread.sleep(2000);
            long dbBefore = dbBytes(dataDir);
            long[] cpuBefore = cpu(satellite);
            long[] measured = push(http, push, bodies);
            long[] cpuAfter = cpu(satellite);
            double seconds = measured[2] / 1e9;
            long reports = (long) devices * tags;
            System.out.printf("Ingest: %d pushes, %d reports, %d measurements in %.1f s: %.0f reports/s, %.0f measurements/s,"
                    + " %d failed pushes, %d refused reports%n",
                    devices, reports, reports, seconds, reports / seconds, reports / seconds, measured[0], measured[1]);
            double satCpuMs = (cpuAfter[0] - cpuBefore[0]) * 10.0;
            double allCpuMs = (cpuAfter[1] - cpuBefore[1]) * 10.0;
            System.out.printf("CPU during ingest: satellite %.0f%% of %d cores (%.3f ms per report), whole machine %.0f%% (client and"
                    + " other processes included)%n", 100 * satCpuMs / (seconds * 1000 * cores()), cores(), satCpuMs / reports,
                    100 * allCpuMs / (seconds * 1000 * cores()));
            Thread.sleep(2000);
            long dbAfter = dbBytes(dataDir);
            System.out.printf("Storage: database grew %d bytes for %d measurements (each its own report): %.0f bytes per measurement,"
                    + " report included%n", dbAfter - dbBefore, reports, (dbAfter - dbBefore) / (double) reports);

            // the next day: the same devices push their next reports; known devices, so no product instance is created
            long nextEnd = Instant.now().minusSeconds(60).getEpochSecond();
            List<String> next = new ArrayList<>(devices);
            for (int d = 0; d < devices; d++) {
                next.add(pushBody(String.format("BNU%07d", d), d, nextEnd, 1, 0, tags, FIRST_REPORT_ID + 1_000));
            }
            long[] cpuNextBefore = cpu(satellite);
            long[] again = push(http, push, next);
            long[] cpuNextAfter = cpu(satellite);
            double nextSeconds = again[2] / 1e9;
            double nextCpuMs = (cpuNextAfter[0] - cpuNextBefore[0]) * 10.0;
            System.out.printf("Next push of the same devices: %d reports in %.1f s: %.0f reports/s, satellite %.0f%% of %d cores"
                    + " (%.3f ms per report), %d failed pushes, %d refused reports%n", reports, nextSeconds, reports / nextSeconds,
                    100 * nextCpuMs / (nextSeconds * 1000 * cores()), cores(), nextCpuMs / reports, again[0], again[1]);

            // a year of daily data for one VA: each device reports each tag once with 365 daily measurements
            URI year = satellite.deviceDoorUri().resolve("/cslu/v1/pi/Year-1");
            long yearEnd = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            long beforeYear = dbBytes(dataDir);
            long yearStart = System.nanoTime();
            // one push per device with all its tags' reports (about 1.9 MB at 20 tags), as a device sends its backlog
            for (int d = 0; d < yearDevices; d++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(year).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(pushBody(String.format("BNY%07d", d), d, yearEnd, 365, 0, tags, FIRST_REPORT_ID)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (!r.body().contains("OK_POLL") || r.body().contains("\"REFUSED\"")) {
                    throw new IllegalStateException("A year push was refused: " + abbreviate(r.body()));
                }
            }
            long yearMeasurements = (long) yearDevices * tags * 365;
            Thread.sleep(2000);
            System.out.printf("Year of data: %d devices x %d tags x 365 days = %d measurements in %.1f s; database grew %.0f bytes per measurement%n",
                    yearDevices, tags, yearMeasurements, (System.nanoTime() - yearStart) / 1e9,
                    (dbBytes(dataDir) - beforeYear) / (double) yearMeasurements);
            String vas = satellite.admin("GET", "/api/v1/virtual-accounts", null).body();
            long vaId = vaId(vas, "Year");
            LocalDate to = LocalDate.now(ZoneOffset.UTC);
            String path = "/api/v1/usage/daily?virtualAccountId=" + vaId + "&from=" + to.minusDays(364) + "&to=" + to;
            long[] latency = new long[queries];
            int rows = 0;
            for (int i = -20; i < queries; i++) {
                long s = System.nanoTime();
                HttpResponse<String> r = satellite.admin("GET", path, null);
                long took = System.nanoTime() - s;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("daily query: HTTP " + r.statusCode() + " " + r.body());
                }
                if (i >= 0) {
                    latency[i] = took;
                    rows = r.body().split("\"day\"").length - 1;
                }
            }
            Arrays.sort(latency);
            System.out.printf("Daily usage of one VA over a year (%d rows): p50 %.1f ms, p99 %.1f ms over %d queries (admin API, HTTPS)%n",
                    rows, latency[queries / 2] / 1e6, latency[(int) (queries * 0.99)] / 1e6, queries);
            // the operator's device pages over everything stored so far: deadlines are computed from each device's history
            timed(satellite, "Usage devices, first page of 50 with deadlines", "/api/v1/usage/devices?size=50", 20);
            timed(satellite, "Usage devices of VA Bench, page 100 of 50", "/api/v1/usage/devices?size=50&page=100&virtualAccountId="
                    + vaId(vas, "Bench"), 20);
            timed(satellite, "Reporting deadlines, nearest first, first page", "/api/v1/usage/deadlines?size=50", 10);
            System.out.println("Load average after: " + loadAverage() + "; satellite log " + satellite.dataDir().resolveSibling(
                    satellite.dataDir().getFileName() + "-satellite.log"));
        }
        printTableSizes(dataDir);
    }

    /** Where the bytes went: H2's own estimate per usage table, indexes included, once the satellite has stopped. */
    private static void printTableSizes(Path dataDir) throws Exception {
        System.out.printf("Database file after the satellite stopped (H2 compacts briefly on close): %,d bytes%n", dbBytes(dataDir));
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("satellite").toAbsolutePath() + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "satellite", "");
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select table_name, disk_space_used(table_name),"
                     + " (select count(*) from information_schema.indexes i where i.table_name = t.table_name)"
                     + " from information_schema.tables t where table_schema = 'PUBLIC' and table_name like 'USAGE%' order by 2 desc")) {
            System.out.println("Space per table (H2 DISK_SPACE_USED, indexes included):");
            long usage = 0;
            while (rs.next()) {
                System.out.printf("  %-28s %,14d bytes (%d indexes)%n", rs.getString(1), rs.getLong(2), rs.getInt(3));
                usage += rs.getLong(2);
            }
            try (java.sql.ResultSet counts = st.executeQuery("select count(*), coalesce(sum(measurement_count), 0) from usage_report")) {
                counts.next();
                long reports = counts.getLong(1);
                long measurements = counts.getLong(2);
                System.out.printf("Live usage data: %,d bytes for %,d reports and %,d measurements: %.0f bytes per measurement"
                        + " (%.0f per report)%n", usage, reports, measurements, usage / (double) Math.max(1, measurements),
                        usage / (double) Math.max(1, reports));
            }
        }
    }

    private static final long FIRST_REPORT_ID = 1_700_000_000L;

    /** p50 and slowest of a GET on the admin API, after 3 warm-up calls. */
    private static void timed(SatelliteProcess satellite, String what, String path, int calls) throws Exception {
        long[] took = new long[calls];
        for (int i = -3; i < calls; i++) {
            long s = System.nanoTime();
            HttpResponse<String> r = satellite.admin("GET", path, null);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
            }
            if (i >= 0) {
                took[i] = System.nanoTime() - s;
            }
        }
        Arrays.sort(took);
        System.out.printf("%s: p50 %.1f ms, slowest %.1f ms over %d calls%n", what, took[calls / 2] / 1e6, took[calls - 1] / 1e6, calls);
    }

    private String pushBody(String serial, int index, long end, int days) {
        return pushBody(serial, index, end, days, 0, tags, FIRST_REPORT_ID);
    }

    /** One device's push of the reports of tags [firstTag, endTag), each with one measurement per day. */
    private String pushBody(String serial, int index, long end, int days, int firstTag, int endTag, long reportBase) {
        SlpIdentity id = SlpIdentity.aSwitch(serial);
        RumReportWriter writer = new RumReportWriter(id, ("k" + serial).getBytes(StandardCharsets.UTF_8), false);
        StringBuilder body = new StringBuilder("{\"data\":{\"timestamp\":1,\"nonce\":\"n\",\"reports\":[{\"sudi\":").append(id.sudiJson())
                .append(",\"usage\":[");
        for (int t = firstTag; t < endTag; t++) {
            List<RumReport.Measurement> ms = new ArrayList<>(days);
            for (int d = days - 1; d >= 0; d--) {
                long e = end - d * 86_400L;
                ms.add(new RumReport.Measurement(e - 86_400, e, 1 + (index + t + d) % 10));
            }
            body.append(t == firstTag ? "" : ",").append(writer.write(reportBase + t, "regid.bench.tag" + t, ms, end).wrapperJson());
        }
        return body.append("]}]}}").toString();
    }

    /** Pushes every body once, C at a time; returns {failed pushes, refused reports, nanoseconds}. */
    private long[] push(HttpClient http, URI push, List<String> bodies) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            workers.add(new Thread(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(push).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().contains("OK_POLL")) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, r.statusCode() + " " + abbreviate(r.body()));
                        }
                        int refusals = count(r.body(), "\"REFUSED\"");
                        if (refusals > 0) {
                            refused.addAndGet(refusals);
                            firstFailure.compareAndSet(null, abbreviate(r.body()));
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        long took = System.nanoTime() - start;
        if (firstFailure.get() != null) {
            System.out.println("  first failure: " + firstFailure.get());
        }
        return new long[] {failures.get(), refused.get(), took};
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int at = s.indexOf(what); at >= 0; at = s.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** {satellite user+system ticks, whole machine busy ticks} from /proc; zeros where there is no /proc. */
    private static long[] cpu(SatelliteProcess satellite) {
        try {
            long sat = 0;
            String pid = satellitePid(satellite);
            if (pid != null) {
                String[] f = Files.readString(Path.of("/proc", pid, "stat")).replaceAll("^.*\\) ", "").split(" ");
                sat = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
            String[] c = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < c.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(c[i]);
                }
            }
            return new long[] {sat, busy};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }

    private static String satellitePid(SatelliteProcess satellite) {
        return ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("").contains(satellite.dataDir().toString()))
                .map(p -> Long.toString(p.pid())).findFirst().orElse(null);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static long dbBytes(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("db"))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long vaId(String json, String name) {
        int at = json.indexOf("\"name\":\"" + name + "\"");
        int obj = json.lastIndexOf('{', at);
        String id = json.substring(obj).replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
        return Long.parseLong(id);
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

}
