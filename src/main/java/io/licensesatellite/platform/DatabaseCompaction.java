package io.licensesatellite.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives the database file's free space back to the file system, with the satellite stopped. H2 writes every commit
 * as a new chunk ({@code WRITE_DELAY=0}) and reuses the space of old ones, but never shrinks the file while the
 * satellite runs: a burst of usage reports can leave it several times larger than its live data. {@code SHUTDOWN
 * COMPACT} rewrites the file with the live pages only.
 */
public final class DatabaseCompaction {
    private static final String DB_USER = "satellite";

    private DatabaseCompaction() {}

    /** The file's size before and after. */
    public record Result(long bytesBefore, long bytesAfter) {}

    /** Why compaction was refused; nothing was changed. */
    public static final class Refused extends Exception {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Result compact(Path dataDir) throws Refused {
        Path dbFile = dataDir.resolve("db").resolve("satellite.mv.db");
        if (!Files.isRegularFile(dbFile)) {
            throw new Refused("no satellite database at " + dbFile.toAbsolutePath(), null);
        }
        long before = size(dbFile);
        // IFEXISTS: never create an empty database; FILE_LOCK=FILE (the default) refuses a database in use.
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("satellite").toAbsolutePath() + ";IFEXISTS=TRUE;WRITE_DELAY=0";
        try (Connection connection = DriverManager.getConnection(url, DB_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            String hint = e.getErrorCode() == 90020 || String.valueOf(e.getMessage()).contains("already in use")
                    ? "the database is in use: stop the satellite first" : "cannot open the satellite database";
            throw new Refused(hint + " (" + e.getSQLState() + ")", e);
        }
        return new Result(before, size(dbFile));
    }

    private static long size(Path file) throws Refused {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new Refused("cannot read the size of " + file, e);
        }
    }
}
