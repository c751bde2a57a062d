package io.licensesatellite.platform;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A figure that is expensive to compute over a large table (counts over a million instances) and may be a few
 * seconds old: served from memory, recomputed in the background once older than its time to live, so no request
 * waits for the recomputation except the very first. A zero time to live computes it on every call (tests, where
 * figures must follow every change at once).
 */
public final class CachedFigure<T> {
    private final Supplier<T> compute;
    private final long ttlNanos;
    private final Executor background;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile T value;
    private volatile long computedAt;

    public CachedFigure(Supplier<T> compute, Duration ttl, Executor background) {
        this.compute = compute;
        this.ttlNanos = ttl.toNanos();
        this.background = background;
    }

    public T get() {
        T current = value;
        if (ttlNanos <= 0) {
            return compute.get();
        }
        if (current == null) {
            synchronized (this) {
                if (value == null) {
                    store(compute.get());
                }
                return value;
            }
        }
        if (System.nanoTime() - computedAt > ttlNanos && refreshing.compareAndSet(false, true)) {
            background.execute(() -> {
                try {
                    store(compute.get());
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return current;
    }

    private void store(T computed) {
        computedAt = System.nanoTime();
        value = computed;
    }
}
