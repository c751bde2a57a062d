package io.licensesatellite.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed online sync again, if the failure is worth retrying: after the first failure {@code base},
 * then doubling each time up to {@code cap}, each delay moved by up to ±10 % at random so that many satellites
 * cut off by the same outage do not all call the recovered upstream in the same second. After {@code maxAttempts}
 * attempts in a row have failed, it stops until the next scheduled run.
 *
 * <p>With the defaults (1 min, 1 h, 8 attempts) the retries come about 1, 2, 4, 8, 16, 32 and 60 minutes after
 * each failure: a short outage is bridged within minutes, a long one costs the upstream one call an hour, and
 * after about two hours the satellite waits for its schedule.
 */
public final class RetryBackoff {
    public static final Duration DEFAULT_BASE = Duration.ofMinutes(1);
    public static final Duration DEFAULT_CAP = Duration.ofHours(1);
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    /** The largest share by which a delay is moved either way. */
    public static final double JITTER = 0.10;

    private final Duration base;
    private final Duration cap;
    private final int maxAttempts;
    private final RandomGenerator random;

    /**
     * @param maxAttempts every attempt counts, the scheduled one included: with 8, seven retries follow a failed
     *     scheduled sync
     * @param random the jitter's source; tests pass a fixed one
     */
    public RetryBackoff(Duration base, Duration cap, int maxAttempts, RandomGenerator random) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        this.random = Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("the retry base delay must be positive, not " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("the retry cap " + cap + " must not be shorter than the base delay " + base);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("the retry attempts must be at least 1, not " + maxAttempts);
        }
        this.base = base;
        this.cap = cap;
        this.maxAttempts = maxAttempts;
    }

    public static RetryBackoff defaults(RandomGenerator random) {
        return new RetryBackoff(DEFAULT_BASE, DEFAULT_CAP, DEFAULT_MAX_ATTEMPTS, random);
    }

    /**
     * @param consecutiveFailures how many attempts in a row have failed, this one included (1 after the first)
     * @return when to try again, or empty once {@code maxAttempts} attempts have failed: wait for the schedule
     */
    public Optional<Instant> nextAttempt(Instant failedAt, int consecutiveFailures) {
        Objects.requireNonNull(failedAt, "failedAt");
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures counts the failure just seen, so it is at least 1, not "
                    + consecutiveFailures);
        }
        if (consecutiveFailures >= maxAttempts) {
            return Optional.empty();
        }
        double factor = 1 + random.nextDouble(-JITTER, JITTER);
        long millis = Math.round(delay(consecutiveFailures).toMillis() * factor);
        return Optional.of(failedAt.plusMillis(Math.max(1, millis)));
    }

    /** The delay before jitter: {@code base × 2^(n-1)}, at most {@code cap}. */
    Duration delay(int consecutiveFailures) {
        Duration delay = base;
        for (int n = 1; n < consecutiveFailures && delay.compareTo(cap) < 0; n++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public String toString() {
        return "RetryBackoff[base " + base + ", cap " + cap + ", " + maxAttempts + " attempts, ±" + Math.round(JITTER * 100) + " %]";
    }
}
