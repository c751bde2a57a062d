package io.licensesatellite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Where the CPU went during a measurement: the satellite process, this JVM (the simulated devices) and the rest
 * of the machine. Client and server share the cores here, so a rate alone does not say who was the bottleneck.
 */
final class CpuMeter {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final ProcessHandle satellite;

    private CpuMeter(ProcessHandle satellite) {
        this.satellite = satellite;
    }

    static CpuMeter withoutSatellite() {
        return new CpuMeter(null);
    }

    /** The satellite is a child of this JVM; its command line names its data directory, which is unique to the run. */
    static CpuMeter withSatellite(Path dataDir) {
        String marker = "-Dsatellite.data-dir=" + dataDir;
        return new CpuMeter(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .findFirst().orElse(null));
    }

    Snapshot now() {
        long[] machine = machineJiffies();
        return new Snapshot(System.nanoTime(), cpuNanos(ProcessHandle.current()),
                satellite == null ? 0 : cpuNanos(satellite), machine[0], machine[1]);
    }

    record Snapshot(long wallNanos, long selfCpuNanos, long satelliteCpuNanos, long machineBusy, long machineTotal) {
        Usage until(Snapshot end) {
            long total = end.machineTotal - machineTotal;
            return new Usage(end.wallNanos - wallNanos, end.selfCpuNanos - selfCpuNanos,
                    end.satelliteCpuNanos - satelliteCpuNanos,
                    total <= 0 ? Double.NaN : (double) (end.machineBusy - machineBusy) / total);
        }
    }

    /** @param machineBusy fraction of all cores busy, whoever used them (NaN without /proc/stat) */
    record Usage(long wallNanos, long selfCpuNanos, long satelliteCpuNanos, double machineBusy) {
        /** E.g. "satellite 3.10 ms/op, simulator 1.20 ms/op; machine busy 98 % (satellite 70 %, simulator 26 %, other 2 %)". */
        String describe(long operations, String unit) {
            double capacity = (double) wallNanos * CORES;
            String perOp = operations == 0 ? "" : String.format("satellite %.2f ms/%s, simulator %.2f ms/%s; ",
                    satelliteCpuNanos / 1e6 / operations, unit, selfCpuNanos / 1e6 / operations, unit);
            String machine = Double.isNaN(machineBusy) ? "machine busy n/a"
                    : String.format("machine busy %.0f %% (satellite %.0f %%, simulator %.0f %%, other %.0f %%)", 100 * machineBusy,
                    100 * satelliteCpuNanos / capacity, 100 * selfCpuNanos / capacity, 100 * otherShare());
            return perOp + machine;
        }

        /** The share of all cores that neither the satellite nor this JVM used: other processes, e.g. concurrent builds. */
        double otherShare() {
            double capacity = (double) wallNanos * CORES;
            return Math.max(0, machineBusy - (satelliteCpuNanos + selfCpuNanos) / capacity);
        }

        /** What the satellite alone could do if it had every core to itself, judged by its CPU per operation. */
        double satelliteCeilingPerSecond(long operations) {
            return satelliteCpuNanos <= 0 || operations == 0 ? Double.NaN : CORES * 1e9 * operations / satelliteCpuNanos;
        }
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** {busy, total} jiffies of all cores from the first line of /proc/stat; zeros where there is none. */
    private static long[] machineJiffies() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            // user nice system idle iowait irq softirq steal; guest time is already counted in user.
            long[] values = Arrays.stream(fields, 1, Math.min(fields.length, 9)).mapToLong(Long::parseLong).toArray();
            long total = Arrays.stream(values).sum();
            return new long[] {total - values[3] - values[4], total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
