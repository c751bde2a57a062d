package io.licensesatellite.testing;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * A digest of the whole database as H2 scripts it (schema, rows, identity counters), minus the audit log, which
 * records refusals by design, and the callers' own bookkeeping (session last-seen, API client last-used), which any
 * authenticated call may touch. Two equal fingerprints: nothing changed, not even a consumed id.
 */
public final class DatabaseFingerprint {
    private DatabaseFingerprint() {}

    public static String of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SCRIPT NOPASSWORDS NOSETTINGS")) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            while (rows.next()) {
                String line = rows.getString(1);
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (!upper.contains("AUDIT_EVENT") && !upper.contains("ADMIN_SESSION") && !upper.contains("API_CLIENT")) {
                    digest.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot fingerprint the database", e);
        }
    }
}
