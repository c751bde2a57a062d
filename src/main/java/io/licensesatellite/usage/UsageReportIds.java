package io.licensesatellite.usage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Ids for usage reports, taken from {@code usage_report_seq} a block at a time: each value the sequence hands out
 * starts a block of {@link #BLOCK} ids. Hibernate's pooled generator once used the {@code BLOCK} ids up to a value, so
 * a block starting at a newer value never meets one of them. Sequences are not transactional: a rolled-back group
 * leaves a gap, never a reused id.
 */
@ApplicationScoped
public class UsageReportIds {
    /** The sequence's increment (V5__usage.sql). */
    static final int BLOCK = 50;

    private final EntityManagerFactory factory;
    private String nextValue;
    private long next;
    private long limit;

    public UsageReportIds(EntityManagerFactory factory) {
        this.factory = factory;
    }

    synchronized long next(Connection c) throws SQLException {
        if (next == limit) {
            if (nextValue == null) {
                // the dialect's own syntax: the schema is written for H2 and PostgreSQL alike
                nextValue = factory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                        .getSequenceSupport().getSequenceNextValString("usage_report_seq");
            }
            try (PreparedStatement st = c.prepareStatement(nextValue);
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                next = rs.getLong(1);
                limit = next + BLOCK;
            }
        }
        return next++;
    }
}
