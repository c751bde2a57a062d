package io.licensesatellite.admin;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Console sessions, kept server-side so that ending one (logout, password or role change, disabled or deleted user)
 * takes effect on the next request of every copy of its cookie. The cookie value is 256 random bits; the table
 * holds its SHA-256 only.
 */
@ApplicationScoped
public class Sessions implements PanacheRepositoryBase<AdminSession, String> {
    /** Last-seen is written at most this often, so reading pages does not write the database on every call. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final AccessConfig.Session config;
    private final Clock clock;

    public Sessions(AccessConfig access, Clock clock) {
        this.config = access.session();
        this.clock = clock;
    }

    /** A new session, and the cookie value that opens it (shown to this response only). */
    public record Opened(String cookieValue, AdminSession session) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public Opened open(AdminUser user, String sourceAddress, String userAgent) {
        Instant now = clock.instant();
        delete("lastSeenAt <= ?1 or createdAt <= ?2", now.minus(config.idleTimeout()), now.minus(config.absoluteTimeout()));
        String value = Secrets.random256();
        AdminSession session = new AdminSession();
        session.idHash = Secrets.sha256Hex(value);
        session.userId = user.id;
        session.csrfToken = Secrets.random256();
        // whole milliseconds: the database keeps microseconds and would round a nanosecond clock up, giving the session
        // a fraction more than its absolute lifetime
        session.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        session.lastSeenAt = session.createdAt;
        session.sourceAddress = sourceAddress;
        session.userAgent = userAgent == null ? null : userAgent.length() > 300 ? userAgent.substring(0, 300) : userAgent;
        persist(session);
        return new Opened(value, session);
    }

    /** The live session of this cookie value; an expired one is deleted and not returned. */
    @Transactional
    public Optional<AdminSession> resolve(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        AdminSession session = findById(Secrets.sha256Hex(cookieValue));
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            delete(session);
            return Optional.empty();
        }
        if (Duration.between(session.lastSeenAt, now).compareTo(TOUCH_INTERVAL) >= 0) {
            session.lastSeenAt = now.truncatedTo(ChronoUnit.MILLIS);
        }
        return Optional.of(session);
    }

    public boolean expired(AdminSession session, Instant now) {
        return !now.isBefore(session.lastSeenAt.plus(config.idleTimeout()))
                || !now.isBefore(session.createdAt.plus(config.absoluteTimeout()));
    }

    @Transactional
    public void end(String idHash) {
        deleteById(idHash);
    }

    /** Ends every session of the user at once; returns how many there were. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long endAllOf(long userId) {
        return delete("userId", userId);
    }

    public Instant expiresAt(AdminSession session) {
        return session.createdAt.plus(config.absoluteTimeout());
    }

    public long idleTimeoutSeconds() {
        return config.idleTimeout().toSeconds();
    }
}
