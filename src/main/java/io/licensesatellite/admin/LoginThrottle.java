package io.licensesatellite.admin;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.RetryLater;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per username and per source address, in memory (a restart forgets the counts,
 * which a guesser cannot cause from outside). Unknown usernames are counted like known ones, so the answers do not
 * tell which exist. After {@code throttle-after} failures within the window each attempt must wait a delay that
 * doubles per failure; after {@code lock-after} the key is locked for {@code lock-duration}, right password or not.
 */
@ApplicationScoped
public class LoginThrottle {
    /** Keys kept at most; past that the oldest-touched half is forgotten, so a flood of names cannot exhaust memory. */
    static final int MAX_KEYS = 100_000;

    private final AccessConfig.Login config;
    private final Clock clock;
    private final Map<String, Failures> keys = new ConcurrentHashMap<>();

    public LoginThrottle(AccessConfig access, Clock clock) {
        this.config = access.login();
        this.clock = clock;
    }

    /** Throws {@code login-locked} or {@code login-throttled} (with Retry-After) when this attempt must not be tried. */
    public void check(String username, String address) {
        Instant now = clock.instant();
        refuseIfHeld(userKey(username), now);
        refuseIfHeld(addressKey(address), now);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        count(userKey(username), now, config.userThrottleAfter(), config.userLockAfter());
        count(addressKey(address), now, config.addressThrottleAfter(), config.addressLockAfter());
    }

    /** A successful login clears its username's failures; the address keeps its count. */
    public void succeeded(String username) {
        keys.remove(userKey(username));
    }

    /** Forgets everything; for tests that must start from a clean slate. */
    public void forgetAll() {
        keys.clear();
    }

    private void refuseIfHeld(String key, Instant now) {
        Failures failures = keys.get(key);
        if (failures == null) {
            return;
        }
        synchronized (failures) {
            if (failures.lockedUntil != null && now.isBefore(failures.lockedUntil)) {
                throw new RetryLater(ErrorKind.LOGIN_LOCKED, "Too many failed logins: logins are locked; try again later",
                        secondsUntil(now, failures.lockedUntil));
            }
            if (failures.nextAllowedAt != null && now.isBefore(failures.nextAllowedAt)) {
                throw new RetryLater(ErrorKind.LOGIN_THROTTLED, "Too many failed logins: wait before trying again",
                        secondsUntil(now, failures.nextAllowedAt));
            }
        }
    }

    private void count(String key, Instant now, int throttleAfter, int lockAfter) {
        if (keys.size() >= MAX_KEYS) {
            keys.clear();
        }
        Failures failures = keys.computeIfAbsent(key, k -> new Failures());
        synchronized (failures) {
            if (failures.lockedUntil != null && !now.isBefore(failures.lockedUntil)) {
                failures.times.clear();
                failures.lockedUntil = null;
                failures.nextAllowedAt = null;
            }
            Instant windowStart = now.minus(config.window());
            while (!failures.times.isEmpty() && failures.times.peekFirst().isBefore(windowStart)) {
                failures.times.removeFirst();
            }
            failures.times.addLast(now);
            int n = failures.times.size();
            if (n >= lockAfter) {
                failures.lockedUntil = now.plus(config.lockDuration());
            } else if (n >= throttleAfter) {
                failures.nextAllowedAt = now.plus(delay(n - throttleAfter));
            }
        }
    }

    /** 1 s after the failure that reaches the threshold, then 2, 4, 8 s ... up to the maximum. */
    Duration delay(int beyond) {
        Duration delay = config.firstDelay().multipliedBy(1L << Math.min(beyond, 20));
        return delay.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : delay;
    }

    private static long secondsUntil(Instant now, Instant until) {
        long millis = Duration.between(now, until).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String userKey(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return "user:" + (name.length() > 100 ? name.substring(0, 100) : name);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static final class Failures {
        final Deque<Instant> times = new ArrayDeque<>();
        Instant nextAllowedAt;
        Instant lockedUntil;
    }
}
