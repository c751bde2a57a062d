package io.licensesatellite.admin;

import io.licensesatellite.accounts.VirtualAccountRepository;
import io.licensesatellite.platform.AuditDetails;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteConfig;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.SecretFiles;
import io.licensesatellite.platform.api.Permission;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Users of the console: the initial administrator, logins, password changes and the users API. There is no default
 * password: the first start creates {@code admin} with a random secret written to
 * {@code <data-dir>/initial-admin-password} (owner-only), which must be changed at the first login.
 */
@ApplicationScoped
public class AdminAccounts {
    public static final String INITIAL_ADMIN = "admin";
    static final String INITIAL_SECRET_FILE = "initial-admin-password";
    static final String LOGIN_FAILED = "The username or password is not correct, or the user is disabled";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    private static final Logger LOG = Logger.getLogger(AdminAccounts.class);
    /** Verified against when the username is unknown, so unknown and known users cost the same Argon2id work. */
    private static final String DUMMY_HASH = PasswordHasher.hash(Secrets.random256());

    private final AdminUserRepository users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final VirtualAccountRepository virtualAccounts;
    private final AuditDetails audit;
    private final SatelliteConfig config;
    private final Clock clock;

    public AdminAccounts(AdminUserRepository users, Sessions sessions, LoginThrottle throttle,
                         VirtualAccountRepository virtualAccounts, AuditDetails audit, SatelliteConfig config, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.virtualAccounts = virtualAccounts;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        ensureInitialAdmin();
    }

    /**
     * The secret file is written before the account row, and reused if the row is missing, so a crash between
     * the two never leaves an account nobody knows the password of.
     */
    @Transactional
    public void ensureInitialAdmin() {
        if (users.findByUsername(INITIAL_ADMIN).isPresent()) {
            return;
        }
        Path file = Path.of(config.dataDir()).resolve(INITIAL_SECRET_FILE);
        try {
            String secret;
            if (Files.exists(file)) {
                secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            } else {
                secret = Secrets.randomUrlSafe(24);
                SecretFiles.writeOwnerOnly(file, secret + "\n");
            }
            AdminUser admin = new AdminUser();
            admin.username = INITIAL_ADMIN;
            admin.passwordHash = PasswordHasher.hash(secret);
            admin.mustChangePassword = true;
            admin.role = Role.SYSADMIN;
            admin.enabled = true;
            admin.createdAt = clock.instant();
            users.persist(admin);
            LOG.infof("Created the '%s' administrator; its initial secret is in %s (readable by this user only)",
                    INITIAL_ADMIN, file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial admin secret to " + file.toAbsolutePath(), e);
        }
    }

    public record LoggedIn(AdminUser user, Sessions.Opened opened) {}

    /**
     * Checks the throttle, then the password (the same Argon2id work for unknown users), then opens a session. Every
     * refusal of a wrong or unknown username, wrong password or disabled user is the same {@code login-failed}.
     */
    @Transactional(dontRollbackOn = SatelliteException.class)
    public LoggedIn login(String username, String password, String address, String userAgent) {
        throttle.check(username, address);
        boolean plausible = username != null && password != null && username.length() <= 100
                && password.length() <= PasswordPolicy.MAX_LENGTH;
        AdminUser user = plausible ? users.findByUsername(username).orElse(null) : null;
        boolean matches = PasswordHasher.verify(plausible ? password : "", user == null ? DUMMY_HASH : user.passwordHash);
        if (user == null || !matches || !user.enabled) {
            throttle.failed(username, address);
            throw new SatelliteException(ErrorKind.LOGIN_FAILED, LOGIN_FAILED);
        }
        throttle.succeeded(username);
        user.lastLoginAt = clock.instant();
        return new LoggedIn(user, sessions.open(user, address, userAgent));
    }

    /** The user's own change: checks the current password, ends every session of the user, opens a new one. */
    @Transactional(dontRollbackOn = SatelliteException.class)
    public LoggedIn changeOwnPassword(long userId, String current, String next, String address, String userAgent) {
        AdminUser user = users.findByIdOptional(userId).orElseThrow(() -> new SatelliteException(ErrorKind.UNAUTHENTICATED,
                "The session has ended"));
        throttle.check(user.username, address);
        if (current == null || current.length() > PasswordPolicy.MAX_LENGTH || !PasswordHasher.verify(current, user.passwordHash)) {
            throttle.failed(user.username, address);
            throw SatelliteException.invalid("currentPassword", "is not the current password");
        }
        PasswordPolicy.check(user.username, next, current);
        user.passwordHash = PasswordHasher.hash(next);
        user.mustChangePassword = false;
        long ended = sessions.endAllOf(user.id);
        audit.describe("session.password-change", "user:" + user.username, Map.of("sessionsEnded", ended),
                Map.of("mustChangePassword", false));
        return new LoggedIn(user, sessions.open(user, address, userAgent));
    }

    @Transactional
    public AdminUser byId(long id) {
        return users.findByIdOptional(id).orElse(null);
    }

    // --- Users API

    public record UserView(String username, Role role, boolean enabled, boolean mustChangePassword,
                           List<Long> virtualAccountIds, Instant createdAt, Instant lastLoginAt) {
        static UserView of(AdminUser u) {
            return new UserView(u.username, u.role, u.enabled, u.mustChangePassword,
                    u.accountScoped ? List.copyOf(new TreeSet<>(u.virtualAccountIds)) : null, u.createdAt, u.lastLoginAt);
        }
    }

    public record NewUser(String username, Role role, String temporaryPassword, List<Long> virtualAccountIds) {}

    public record UserUpdate(Role role, Boolean enabled, List<Long> virtualAccountIds) {}

    public record PasswordReset(String temporaryPassword) {}

    @Transactional
    public List<UserView> list(int page, int size) {
        return users.findAll(Sort.ascending("username")).page(page, size).list().stream().map(UserView::of).toList();
    }

    @Transactional
    public long count() {
        return users.count();
    }

    @Transactional
    public UserView create(NewUser request) {
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            throw SatelliteException.invalid("username", "1 to 64 lowercase letters, digits, '.', '_', '@' or '-'");
        }
        if (request.role() == null) {
            throw SatelliteException.invalid("role", "one of SYSADMIN, OPERATOR, VIEWER");
        }
        if (users.findByUsername(request.username()).isPresent()) {
            throw new SatelliteException(ErrorKind.CONFLICT, "A user named '" + request.username() + "' already exists");
        }
        PasswordPolicy.check(request.username(), request.temporaryPassword(), null);
        AdminUser user = new AdminUser();
        user.username = request.username();
        user.role = request.role();
        user.enabled = true;
        user.passwordHash = PasswordHasher.hash(request.temporaryPassword());
        user.mustChangePassword = true;
        user.createdAt = clock.instant();
        applyAccounts(user, request.role(), request.virtualAccountIds());
        users.persist(user);
        UserView view = UserView.of(user);
        audit.describe("user.create", "user:" + user.username, null, view);
        return view;
    }

    @Transactional
    public UserView update(String username, UserUpdate request) {
        AdminUser user = find(username);
        UserView before = UserView.of(user);
        Role role = request.role() == null ? user.role : request.role();
        boolean enabled = request.enabled() == null ? user.enabled : request.enabled();
        if (user.role == Role.SYSADMIN && user.enabled && (role != Role.SYSADMIN || !enabled)) {
            requireAnotherAdministrator(user);
        }
        boolean endSessions = role != user.role || (user.enabled && !enabled)
                || !java.util.Objects.equals(user.visibleAccounts(), scopeOf(role, request.virtualAccountIds()));
        user.role = role;
        user.enabled = enabled;
        applyAccounts(user, role, request.virtualAccountIds());
        if (endSessions) {
            sessions.endAllOf(user.id);
        }
        UserView after = UserView.of(user);
        audit.describe("user.update", "user:" + user.username, before, after);
        return after;
    }

    /** Another administrator sets a temporary password: the user must change it, and its sessions end. */
    @Transactional
    public UserView resetPassword(String username, String temporaryPassword) {
        AdminUser user = find(username);
        PasswordPolicy.check(user.username, temporaryPassword, null);
        user.passwordHash = PasswordHasher.hash(temporaryPassword);
        user.mustChangePassword = true;
        long ended = sessions.endAllOf(user.id);
        throttle.succeeded(user.username);
        UserView view = UserView.of(user);
        audit.describe("user.password-reset", "user:" + user.username, Map.of("sessions", ended),
                Map.of("mustChangePassword", true, "sessions", 0));
        return view;
    }

    @Transactional
    public void delete(String username) {
        AdminUser user = find(username);
        if (user.role == Role.SYSADMIN && user.enabled) {
            requireAnotherAdministrator(user);
        }
        UserView before = UserView.of(user);
        sessions.endAllOf(user.id);
        users.delete(user);
        audit.describe("user.delete", "user:" + username, before, null);
    }

    private void requireAnotherAdministrator(AdminUser user) {
        long others = users.count("role = ?1 and enabled = true and id <> ?2", Role.SYSADMIN, user.id);
        if (others == 0) {
            throw new SatelliteException(ErrorKind.LAST_ADMINISTRATOR,
                    "'" + user.username + "' is the last enabled system administrator; create or enable another first");
        }
    }

    private AdminUser find(String username) {
        return users.findByUsername(username).orElseThrow(() -> SatelliteException.notFound("No user named '" + username + "'"));
    }

    private static Set<Long> scopeOf(Role role, List<Long> ids) {
        return role == Role.VIEWER && ids != null ? Set.copyOf(ids) : null;
    }

    private void applyAccounts(AdminUser user, Role role, List<Long> ids) {
        if (ids != null && role != Role.VIEWER) {
            throw SatelliteException.invalid("virtualAccountIds", "only a VIEWER can be limited to Virtual Accounts");
        }
        if (ids == null) {
            user.accountScoped = false;
            user.virtualAccountIds.clear();
            return;
        }
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            if (id == null || virtualAccounts.findByIdOptional(id).isEmpty()) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw SatelliteException.invalid("virtualAccountIds", "no Virtual Account " + missing);
        }
        user.accountScoped = true;
        user.virtualAccountIds.clear();
        user.virtualAccountIds.addAll(ids);
    }

    /** The permissions a user's sessions carry. */
    public static Set<Permission> permissionsOf(AdminUser user) {
        return user.role.permissions();
    }
}
