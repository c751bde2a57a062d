package io.licensesatellite.bench;

import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.SmartAgentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * The two shapes of load: a fixed list of items spread over C threads (latency per item), and a loop for a fixed
 * time (rate only). Every call ends in an outcome label, {@link #OK} or why not, so failures are counted, not thrown.
 */
final class Load {
    static final String OK = "OK";

    private Load() {}

    @FunctionalInterface
    interface Item {
        String run(int index) throws Exception;
    }

    @FunctionalInterface
    interface Step {
        String run() throws Exception;
    }

    record Counted(long wallNanos, long[] latencyNanos, Map<String, Long> outcomes, CpuMeter.Usage cpu) {
        long ok() {
            return outcomes.getOrDefault(OK, 0L);
        }

        double okPerSecond() {
            return ok() * 1e9 / wallNanos;
        }

        /** Nearest-rank percentile over all calls, failed ones included. */
        double percentileMs(double p) {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
        }
    }

    record Timed(long wallNanos, Map<String, Long> outcomes, CpuMeter.Usage cpu) {
        long completed() {
            return outcomes.values().stream().mapToLong(Long::longValue).sum();
        }

        double perSecond() {
            return completed() * 1e9 / wallNanos;
        }
    }

    /** Runs item 0..n-1 once each on {@code threads} threads; the clock runs from the first start to the last end. */
    static Counted each(int n, int threads, CpuMeter meter, Item item) throws InterruptedException {
        long[] latency = new long[n];
        ConcurrentMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    int index = i;
                    long start = System.nanoTime();
                    String outcome = call(() -> item.run(index));
                    latency[index] = System.nanoTime() - start;
                    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                }
            }, "bench-" + t));
        }
        CpuMeter.Snapshot before = meter.now();
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        CpuMeter.Usage cpu = before.until(meter.now());
        return new Counted(cpu.wallNanos(), latency, sorted(outcomes), cpu);
    }

    /**
     * Each thread repeats its own step (made per thread, so it can hold a connection or a key) for warm-up plus
     * measurement; only the calls that end inside the measurement window count.
     */
    static Timed during(long warmUpMillis, long measureMillis, int threads, CpuMeter meter, IntFunction<Step> stepForThread)
            throws InterruptedException {
        ConcurrentMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        AtomicInteger phase = new AtomicInteger(); // 0 warm-up, 1 measuring, 2 stop
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Step step = stepForThread.apply(t);
            workers.add(new Thread(() -> {
                while (phase.get() < 2) {
                    String outcome = call(step::run);
                    if (phase.get() == 1) {
                        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                    }
                }
            }, "bench-" + t));
        }
        workers.forEach(Thread::start);
        Thread.sleep(warmUpMillis);
        CpuMeter.Snapshot before = meter.now();
        phase.set(1);
        Thread.sleep(measureMillis);
        phase.set(2);
        CpuMeter.Usage cpu = before.until(meter.now());
        for (Thread worker : workers) {
            worker.join();
        }
        return new Timed(cpu.wallNanos(), sorted(outcomes), cpu);
    }

    /** A failed signed reply as its status word and reason, e.g. "OK_TRY_AGAIN (Your request could not ...)". */
    static String label(AgentReply.Failure<?> failure) {
        String reason = failure.failureReason() == null ? "" : " (" + failure.failureReason() + ")";
        return failure.status() + (reason.length() > 70 ? reason.substring(0, 67) + "...)" : reason);
    }

    private static String call(Step step) {
        try {
            return step.run();
        } catch (SmartAgentException e) {
            return "no usable reply: " + e.kind() + (e.httpStatus() > 0 ? " HTTP " + e.httpStatus() : "");
        } catch (Exception e) {
            return "exception: " + e.getClass().getSimpleName();
        }
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> outcomes) {
        Map<String, Long> result = new TreeMap<>();
        outcomes.forEach((k, v) -> result.put(k, v.sum()));
        return result;
    }
}
