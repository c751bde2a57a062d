package io.licensesatellite.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stopped-service compaction gives a burst's free space back and keeps every row. */
class DatabaseCompactionTest {
    @TempDir
    Path dataDir;

    private String url() {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("satellite").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    /** Many small commits as the satellite makes them, then most of the rows deleted: a file full of free space. */
    private void aDatabaseAfterABurst() throws Exception {
        try (Connection c = DriverManager.getConnection(url(), "satellite", "");
             Statement st = c.createStatement()) {
            st.execute("create table usage_like (id bigint primary key, payload varbinary(2000))");
            try (PreparedStatement insert = c.prepareStatement("insert into usage_like values (?, ?)")) {
                for (int i = 0; i < 6_000; i++) {
                    insert.setLong(1, i);
                    insert.setBytes(2, new byte[500 + i % 100]);
                    insert.executeUpdate();
                }
            }
            st.execute("delete from usage_like where mod(id, 10) <> 0");
        }
    }

    @Test
    void shrinksTheFileToItsLiveDataAndKeepsEveryRow() throws Exception {
        aDatabaseAfterABurst();
        long before = Files.size(dataDir.resolve("db").resolve("satellite.mv.db"));

        DatabaseCompaction.Result result = DatabaseCompaction.compact(dataDir);

        assertThat(result.bytesBefore()).isEqualTo(before);
        assertThat(result.bytesAfter()).isLessThan(before / 2);
        try (Connection c = DriverManager.getConnection(url(), "satellite", "");
             ResultSet rs = c.createStatement().executeQuery("select count(*), sum(id) from usage_like")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(600);
            assertThat(rs.getLong(2)).isEqualTo(1_797_000L);
        }
    }

    @Test
    void refusesADatabaseInUseAndChangesNothing() throws Exception {
        aDatabaseAfterABurst();
        Path file = dataDir.resolve("db").resolve("satellite.mv.db");
        // a running satellite is another process holding the file's lock
        Process satellite = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldsTheDatabase.class.getName(), url())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(satellite.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("open");
            long size = Files.size(file);

            assertThatThrownBy(() -> DatabaseCompaction.compact(dataDir))
                    .isInstanceOf(DatabaseCompaction.Refused.class)
                    .hasMessageContaining("stop the satellite first");
            assertThat(Files.size(file)).isEqualTo(size);
        } finally {
            satellite.getOutputStream().close();
            satellite.waitFor(30, TimeUnit.SECONDS);
            satellite.destroyForcibly();
        }
    }

    /** Opens the database and keeps it until its standard input closes. */
    public static final class HoldsTheDatabase {
        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection(args[0], "satellite", "")) {
                System.out.println("open");
                System.out.flush();
                while (System.in.read() != -1) {
                    // wait
                }
            }
        }
    }

    @Test
    void neverCreatesADatabaseWhereThereIsNone() {
        assertThatThrownBy(() -> DatabaseCompaction.compact(dataDir))
                .isInstanceOf(DatabaseCompaction.Refused.class).hasMessageContaining("no satellite database");
        assertThat(dataDir.resolve("db").resolve("satellite.mv.db")).doesNotExist();
    }
}
