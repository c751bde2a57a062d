package io.licensesatellite.admin;

import io.licensesatellite.platform.SatelliteConfig;
import io.licensesatellite.platform.SecretFiles;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Administrator credentials. There is no default password: the first start creates the {@code admin}
 * account with a random secret written to {@code <data-dir>/initial-admin-password} (owner-only).
 */
@ApplicationScoped
public class AdminAccounts {
    public static final String INITIAL_ADMIN = "admin";
    static final String INITIAL_SECRET_FILE = "initial-admin-password";
    /** Argon2id costs tens of milliseconds; a verified credential is remembered briefly so API calls stay fast. */
    static final Duration VERIFIED_CACHE_TTL = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(AdminAccounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdminUserRepository users;
    private final SatelliteConfig config;
    private final Clock clock;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    public AdminAccounts(AdminUserRepository users, SatelliteConfig config, Clock clock) {
        this.users = users;
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
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                SecretFiles.writeOwnerOnly(file, secret + "\n");
            }
            AdminUser admin = new AdminUser();
            admin.username = INITIAL_ADMIN;
            admin.passwordHash = PasswordHasher.hash(secret);
            admin.mustChangePassword = true;
            admin.createdAt = clock.instant();
            users.persist(admin);
            LOG.infof("Created the '%s' administrator; its initial secret is in %s (readable by this user only)",
                    INITIAL_ADMIN, file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial admin secret to " + file.toAbsolutePath(), e);
        }
    }

    /** The authenticated username, or empty. Never logs the password. */
    public Optional<String> authenticate(String username, String password) {
        if (username == null || password == null || username.length() > 100 || password.length() > 1024) {
            return Optional.empty();
        }
        String key = cacheKey(username, password);
        Instant now = clock.instant();
        Instant until = verified.get(key);
        if (until != null && now.isBefore(until)) {
            return Optional.of(username);
        }
        Optional<String> hash = users.passwordHash(username);
        if (hash.isPresent() && PasswordHasher.verify(password, hash.get())) {
            verified.put(key, now.plus(VERIFIED_CACHE_TTL));
            return Optional.of(username);
        }
        verified.remove(key);
        return Optional.empty();
    }

    private static String cacheKey(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((username + '\u0000' + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
