package io.licensesatellite.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.BiFunction;

/**
 * The data directory's H2 database opened directly (no Quarkus), for the console commands that run with the
 * satellite stopped. It never creates an empty database ({@code IFEXISTS}), and H2's file lock makes the open fail
 * while the satellite runs, so such a command changes nothing then.
 */
public final class StoppedDatabase {
    /** Same user and (empty) password as {@code quarkus.datasource.*} in application.properties. */
    public static final String USER = "satellite";

    private StoppedDatabase() {}

    /**
     * Opens the database, or throws the caller's refusal with a reason an operator can act on.
     *
     * @param refused makes the caller's refusal from a message and its cause
     */
    public static <E extends Exception> Connection open(Path dataDir, BiFunction<String, Throwable, E> refused) throws E {
        Path file = file(dataDir);
        if (!Files.isRegularFile(file)) {
            throw refused.apply("no satellite database at " + file.toAbsolutePath(), null);
        }
        try {
            return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db").resolve("satellite").toAbsolutePath()
                    + ";IFEXISTS=TRUE;WRITE_DELAY=0", USER, "");
        } catch (SQLException e) {
            throw refused.apply(reason(e), e);
        }
    }

    /** The database file itself. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("db").resolve("satellite.mv.db");
    }

    /** What went wrong with the database, in an operator's words. */
    public static String reason(SQLException e) {
        String hint = e.getErrorCode() == 90020 || String.valueOf(e.getMessage()).contains("already in use")
                ? "the database is in use: stop the satellite first" : "cannot open the satellite database";
        return hint + " (" + e.getSQLState() + ")";
    }
}
