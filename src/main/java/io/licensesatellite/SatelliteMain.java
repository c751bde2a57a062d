package io.licensesatellite;

import io.licensesatellite.admin.AdminPasswordReset;
import io.licensesatellite.platform.DataDirectory;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The satellite's entry point. Before Quarkus starts it makes sure the data directory and the admin door's TLS
 * certificate exist, because the HTTPS listener needs its certificate files the moment it opens.
 *
 * <p>One console command runs instead of the server: {@code reset-admin-password [username]} (default
 * {@code admin}), for the appliance's restricted shell, with the satellite stopped. It prints the new secret once
 * on standard output and nothing else there.
 */
@QuarkusMain
public class SatelliteMain {
    static final String RESET_ADMIN_PASSWORD = "reset-admin-password";

    public static void main(String... args) {
        if (args.length > 0 && RESET_ADMIN_PASSWORD.equals(args[0])) {
            System.exit(resetAdminPassword(args.length > 1 ? args[1] : "admin"));
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
}
