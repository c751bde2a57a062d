package io.licensesatellite.admin;

import io.licensesatellite.platform.StoppedDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;

/**
 * Resets an administrator's password from the console, with the satellite stopped: opens the H2 file database
 * of the data directory directly (no Quarkus, no HTTP), gives the account a new random secret and marks it
 * must-change. The new secret is returned to the caller, who shows it once; it is stored only as its Argon2id
 * hash. While the satellite runs, H2's file lock makes the open fail, and the reset changes nothing.
 */
public final class AdminPasswordReset {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminPasswordReset() {}

    /** Why a reset was refused; the message never contains a secret. */
    public static final class Refused extends Exception {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static String reset(Path dataDir, String username) throws Refused {
        String secret = newSecret();
        try (Connection connection = StoppedDatabase.open(dataDir, Refused::new);
                PreparedStatement update = connection.prepareStatement(
                        "update admin_user set password_hash = ?, must_change_password = true where username = ?")) {
            update.setString(1, PasswordHasher.hash(secret));
            update.setString(2, username);
            if (update.executeUpdate() != 1) {
                throw new Refused("no administrator named '" + username + "'", null);
            }
            // Whoever held a session of this account (perhaps the reason for the reset) loses it.
            try (PreparedStatement end = connection.prepareStatement(
                    "delete from admin_session where user_id = (select id from admin_user where username = ?)")) {
                end.setString(1, username);
                end.executeUpdate();
            }
        } catch (SQLException e) {
            throw new Refused(StoppedDatabase.reason(e), e);
        }
        return secret;
    }

    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
