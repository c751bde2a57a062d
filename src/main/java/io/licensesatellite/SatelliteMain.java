package io.licensesatellite;

import io.licensesatellite.admin.AdminPasswordReset;
import io.licensesatellite.platform.DataDirectory;
import io.licensesatellite.platform.DatabaseCompaction;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The satellite's entry point. Before Quarkus starts it makes sure the data directory and the admin door's TLS
 * certificate exist, because the HTTPS listener needs its certificate files the moment it opens.
 *
 * <p>Two console commands run instead of the server, for the appliance's restricted shell, with the satellite
 * stopped: {@code reset-admin-password [username]} (default {@code admin}) prints the new secret once on standard
 * output and nothing else there; {@code compact-database} gives the database file's free space back.
 */
@QuarkusMain
public class SatelliteMain {
    static final String RESET_ADMIN_PASSWORD = "reset-admin-password";
    static final String COMPACT_DATABASE = "compact-database";

    public static void main(String... args) {
        if (args.length > 0 && RESET_ADMIN_PASSWORD.equals(args[0])) {
            System.exit(resetAdminPassword(args.length > 1 ? args[1] : "admin"));
        }
        if (args.length > 0 && COMPACT_DATABASE.equals(args[0])) {
            System.exit(compactDatabase());
        }
        DataDirectory.prepare();
        Quarkus.run(args);
    }

    static int resetAdminPassword(String username) {
        try {
            String secret = AdminPasswordReset.reset(DataDirectory.resolve(), username);
            System.out.println(secret);
            return 0;
        } catch (AdminPasswordReset.Refused refused) {
            System.err.println("reset-admin-password: " + refused.getMessage());
            return 2;
        }
    }

    static int compactDatabase() {
        try {
            DatabaseCompaction.Result result = DatabaseCompaction.compact(DataDirectory.resolve());
            System.out.printf("database file: %,d bytes before, %,d bytes after%n", result.bytesBefore(), result.bytesAfter());
            return 0;
        } catch (DatabaseCompaction.Refused refused) {
            System.err.println("compact-database: " + refused.getMessage());
            return 2;
        }
    }
}
