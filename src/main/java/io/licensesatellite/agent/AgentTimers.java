package io.licensesatellite.agent;

import java.time.Duration;
import java.time.Instant;

/**
 * The Smart Agent's timers (domain brief; protocol-facts D2 [S7][S23]) as pure functions of the times
 * of earlier attempts, so tests need only a clock.
 */
public final class AgentTimers {
    /** Registration: every 15 minutes for the first 4 hours... */
    public static final Duration REGISTRATION_FAST_RETRY = Duration.ofMinutes(15);
    public static final Duration REGISTRATION_FAST_RETRY_WINDOW = Duration.ofHours(4);
    /** ...then hourly. */
    public static final Duration REGISTRATION_SLOW_RETRY = Duration.ofHours(1);
    /** Authorised: renewed every 30 days when the satellite names no date. */
    public static final Duration AUTHORIZATION_RENEWAL = Duration.ofDays(30);
    /** Authorised, but the last renewal failed: every 23 hours. */
    public static final Duration AUTHORIZED_RETRY = Duration.ofHours(23);
    /** Out of compliance: every 15 minutes for 2 hours... */
    public static final Duration OUT_OF_COMPLIANCE_FAST_RETRY = Duration.ofMinutes(15);
    public static final Duration OUT_OF_COMPLIANCE_FAST_RETRY_WINDOW = Duration.ofHours(2);
    /** ...then every 4 hours. */
    public static final Duration OUT_OF_COMPLIANCE_SLOW_RETRY = Duration.ofHours(4);
    /** Authorisation expired: hourly. */
    public static final Duration EXPIRED_RETRY = Duration.ofHours(1);
    /** Registered but never authorised (ours: no public source says): as a fresh registration, every 15 minutes. */
    public static final Duration FIRST_AUTHORIZATION_RETRY = Duration.ofMinutes(15);
    /** A failed ID certificate renewal (ours): hourly until the registration expires. */
    public static final Duration ID_CERTIFICATE_RETRY = Duration.ofHours(1);
    /** Evaluation: 90 days of use, once per device. */
    public static final Duration EVALUATION_PERIOD = Duration.ofDays(90);

    private AgentTimers() {}

    /** @param firstAttempt when this registration was first tried */
    public static Instant nextRegistrationAttempt(Instant firstAttempt, Instant lastAttempt) {
        boolean early = Duration.between(firstAttempt, lastAttempt).compareTo(REGISTRATION_FAST_RETRY_WINDOW) < 0;
        return lastAttempt.plus(early ? REGISTRATION_FAST_RETRY : REGISTRATION_SLOW_RETRY);
    }

    /** @param outOfComplianceSince when the device was first answered out of compliance (in this episode) */
    public static Instant nextOutOfComplianceAttempt(Instant outOfComplianceSince, Instant lastAttempt) {
        boolean early = Duration.between(outOfComplianceSince, lastAttempt).compareTo(OUT_OF_COMPLIANCE_FAST_RETRY_WINDOW) < 0;
        return lastAttempt.plus(early ? OUT_OF_COMPLIANCE_FAST_RETRY : OUT_OF_COMPLIANCE_SLOW_RETRY);
    }

    /**
     * When an authorised device next talks to the satellite.
     *
     * @param nextRenewal the renewal date of the last successful answer, or null to count 30 days from it
     * @param lastSuccess the last successful renewal
     * @param lastAttempt the last attempt, successful or not
     */
    public static Instant nextAuthorizedAttempt(Instant nextRenewal, Instant lastSuccess, Instant lastAttempt) {
        if (lastAttempt.isAfter(lastSuccess)) {
            return lastAttempt.plus(AUTHORIZED_RETRY);
        }
        return nextRenewal != null ? nextRenewal : lastSuccess.plus(AUTHORIZATION_RENEWAL);
    }

    public static Instant nextExpiredAttempt(Instant lastAttempt) {
        return lastAttempt.plus(EXPIRED_RETRY);
    }
}
