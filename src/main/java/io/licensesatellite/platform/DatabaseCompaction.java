package io.licensesatellite.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives the database file's free space back to the file system, with the satellite stopped. H2 writes every commit
 * as a new chunk ({@code WRITE_DELAY=0}) and reuses the space of old ones, but never shrinks the file while the
 * satellite runs: a burst of usage reports can leave it several times larger than its live data. {@code SHUTDOWN
 * COMPACT} rewrites the file with the live pages only.
 */
public final class DatabaseCompaction {
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
        Path dbFile = StoppedDatabase.file(dataDir);
        try (Connection connection = StoppedDatabase.open(dataDir, Refused::new);
             Statement statement = connection.createStatement()) {
            long before = size(dbFile);
            statement.execute("SHUTDOWN COMPACT");
            return new Result(before, size(dbFile));
        } catch (SQLException e) {
            throw new Refused(StoppedDatabase.reason(e), e);
        }
    }

    private static long size(Path file) throws Refused {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new Refused("cannot read the size of " + file, e);
        }
    }
}
