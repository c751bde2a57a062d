package io.licensesatellite.usage.pull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Pulls many devices with at most {@code concurrency} at once. Each pull holds one thread while it waits on its
 * device, bounded by the channel's timeouts; a device that never answers therefore costs one thread for that long
 * and the others go on.
 */
final class PullRun {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private PullRun() {}

    /** @return one outcome per target, in the targets' order */
    static List<PullOutcome> run(List<PullTarget> targets, int concurrency, Function<PullTarget, PullOutcome> pull) {
        if (targets.isEmpty()) {
            return List.of();
        }
        int run = RUNS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "usage-pull-" + run + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, targets.size())), factory);
        try {
            List<Future<PullOutcome>> pending = new ArrayList<>();
            for (PullTarget target : targets) {
                pending.add(pool.submit(() -> pull.apply(target)));
            }
            List<PullOutcome> outcomes = new ArrayList<>();
            for (Future<PullOutcome> future : pending) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while pulling devices", e);
        } catch (ExecutionException e) {
            // The pull function reports every device failure as an outcome; what arrives here is a bug.
            throw new IllegalStateException("A device pull failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
