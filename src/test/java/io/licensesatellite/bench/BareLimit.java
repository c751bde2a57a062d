package io.licensesatellite.bench;

import io.licensesatellite.pki.DeviceSignatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The least a registration can cost on this machine: one ECDSA P-256 signature through Bouncy Castle (as the
 * satellite signs) and one durable commit of a small row to an H2 file database with WRITE_DELAY=0 (as the
 * satellite commits). No HTTP, no TLS, no JSON, no JPA: whatever the satellite does beyond this is overhead.
 */
final class BareLimit {
    /** With the id and the ~72-byte signature, a row of about 300 bytes. */
    private static final String PAYLOAD = "x".repeat(228);

    private final String url;
    private final byte[] message = PAYLOAD.getBytes(StandardCharsets.UTF_8);
    private final AtomicLong rows = new AtomicLong();
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    BareLimit(Path directory) {
        this.url = "jdbc:h2:file:" + directory.resolve("bare").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    record Result(Load.Timed oneThread, Load.Timed allCores, Load.Timed signOnly, Load.Timed commitOnly) {}

    Result measure(int cores, long warmUpMillis, long measureMillis) throws Exception {
        try (Connection keepOpen = connect(); Statement ddl = keepOpen.createStatement()) {
            ddl.execute("create table bare(id bigint primary key, payload varchar(400), signature varbinary(80))");
            CpuMeter meter = CpuMeter.withoutSatellite();
            Load.Timed one = Load.during(warmUpMillis, measureMillis, 1, meter, t -> step(true, true));
            Load.Timed all = Load.during(warmUpMillis, measureMillis, cores, meter, t -> step(true, true));
            Load.Timed sign = Load.during(warmUpMillis, measureMillis, cores, meter, t -> step(true, false));
            Load.Timed commit = Load.during(warmUpMillis, measureMillis, cores, meter, t -> step(false, true));
            return new Result(one, all, sign, commit);
        } finally {
            for (Connection connection : opened) {
                connection.close();
            }
        }
    }

    /** One thread's loop body, with its own key and its own connection, as a worker thread of the satellite has. */
    private Load.Step step(boolean sign, boolean commit) {
        PrivateKey key = DeviceSignatures.generateEcKeyPair().getPrivate();
        try {
            Connection connection = commit ? connect() : null;
            PreparedStatement insert = commit ? connection.prepareStatement("insert into bare values (?, ?, ?)") : null;
            return () -> {
                byte[] signature = sign ? DeviceSignatures.sign(key, message) : new byte[72];
                if (commit) {
                    insert.setLong(1, rows.incrementAndGet());
                    insert.setString(2, PAYLOAD);
                    insert.setBytes(3, signature);
                    insert.executeUpdate();
                    connection.commit();
                }
                return Load.OK;
            };
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the bare H2 database " + url, e);
        }
    }

    /** The H2 driver directly: under exec:java, DriverManager need not see drivers of the project class loader. */
    private Connection connect() throws SQLException {
        Connection connection = new org.h2.Driver().connect(url, new Properties());
        connection.setAutoCommit(false);
        opened.add(connection);
        return connection;
    }
}
