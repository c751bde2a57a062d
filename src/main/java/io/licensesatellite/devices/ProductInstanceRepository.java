package io.licensesatellite.devices;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ProductInstanceRepository implements PanacheRepository<ProductInstance> {

    public Optional<ProductInstance> findByPiid(String id) {
        return Optional.ofNullable(getEntityManager().find(ProductInstance.class, id));
    }

    public Optional<ProductInstance> findByUdi(String pid, String serial) {
        return find("pid = ?1 and serialNumber = ?2", pid, serial).firstResultOptional();
    }

    public void remove(ProductInstance instance) {
        getEntityManager().remove(instance);
    }

    /** Instances holding an authorisation that was not renewed before it ran out. */
    public List<ProductInstance> authorizationLapsedBy(Instant now, int limit) {
        return find("state in ?1 and authorizationExpiresAt <= ?2 order by authorizationExpiresAt",
                EnumSet.of(InstanceState.AUTHORIZED, InstanceState.OUT_OF_COMPLIANCE), now)
                .page(Page.ofSize(limit)).list();
    }

    public List<ProductInstance> certificateLapsedBy(Instant now, int limit) {
        return find("idCertNotAfter <= ?1 order by idCertNotAfter", now).page(Page.ofSize(limit)).list();
    }

    /** @param onlyAccounts the Virtual Accounts the caller may see, or null for all */
    public record Filter(InstanceState state, Long virtualAccountId, String pid, String serialNumber, String hostname,
                         java.util.Collection<Long> onlyAccounts) {
        public Filter(InstanceState state, Long virtualAccountId, String pid, String serialNumber, String hostname) {
            this(state, virtualAccountId, pid, serialNumber, hostname, null);
        }

        public Filter visibleOnly(java.util.Collection<Long> accounts) {
            return new Filter(state, virtualAccountId, pid, serialNumber, hostname, accounts);
        }

        /** Only Virtual Account and state: the total can come from the counts kept per account and state. */
        public boolean countedPerAccountAndState() {
            return pid == null && serialNumber == null && hostname == null;
        }
    }

    /** The list's sort fields and the columns behind them; every sort ends with the id so pages never overlap. */
    public static final Map<String, String> SORT_COLUMNS = Map.of(
            "hostname", "hostname", "pid", "udi_pid", "serialNumber", "udi_serial", "state", "state",
            "lastContactAt", "last_contact_at", "registeredAt", "registered_at");

    private static final String SUMMARY_COLUMNS = "id, va_id, udi_pid, udi_serial, udi_uuid, hostname, product_name, state,"
            + " registered_at, last_contact_at, id_cert_not_after, authorization_expires_at";

    /**
     * One page of summaries, read as a projection (never the certificate or key columns). {@code offset} rows are
     * skipped in the given order; the caller may pass the reverse order and reverse the result itself.
     */
    public List<InstanceViews.InstanceSummary> summaries(Filter filter, String sortField, boolean descending, long offset, int limit) {
        Sql where = where(filter);
        String direction = descending ? " desc" : " asc";
        String column = SORT_COLUMNS.get(sortField);
        if (column == null) {
            throw new IllegalArgumentException("Unknown sort field " + sortField);
        }
        var query = getEntityManager().createNativeQuery("select " + SUMMARY_COLUMNS + " from product_instance"
                + where.sql + " order by " + column + direction + ", id" + direction
                + " offset " + offset + " rows fetch next " + limit + " rows only");
        where.bind(query);
        List<?> rows = query.getResultList();
        List<InstanceViews.InstanceSummary> result = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            result.add(InstanceViews.InstanceSummary.of((String) r[0], ((Number) r[1]).longValue(), (String) r[2],
                    (String) r[3], (String) r[4], (String) r[5], (String) r[6], InstanceState.valueOf((String) r[7]),
                    instant(r[8]), instant(r[9]), instant(r[10]), instant(r[11])));
        }
        return result;
    }

    /** Exact count; for filters the indexes narrow (PID, serial number). */
    public long count(Filter filter) {
        Sql where = where(filter);
        var query = getEntityManager().createNativeQuery("select count(*) from product_instance" + where.sql);
        where.bind(query);
        return ((Number) query.getSingleResult()).longValue();
    }

    /** Counts matches up to {@code limit} and stops there: a substring search never scans further just to count. */
    public long countUpTo(Filter filter, int limit) {
        Sql where = where(filter);
        var query = getEntityManager().createNativeQuery("select count(*) from (select 1 from product_instance"
                + where.sql + " fetch first " + limit + " rows only) m");
        where.bind(query);
        return ((Number) query.getSingleResult()).longValue();
    }

    /** Instances per Virtual Account and state, in one pass. */
    public Map<Long, Map<InstanceState, Long>> countsPerAccountAndState() {
        List<?> rows = getEntityManager().createNativeQuery(
                "select va_id, state, count(*) from product_instance group by va_id, state").getResultList();
        Map<Long, Map<InstanceState, Long>> counts = new HashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            counts.computeIfAbsent(((Number) r[0]).longValue(), va -> new EnumMap<>(InstanceState.class))
                    .put(InstanceState.valueOf((String) r[1]), ((Number) r[2]).longValue());
        }
        return counts;
    }

    private record Sql(String sql, Map<String, Object> params) {
        void bind(jakarta.persistence.Query query) {
            params.forEach(query::setParameter);
        }
    }

    private static Sql where(Filter f) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.state() != null) {
            where.add("state = :state");
            params.put("state", f.state().name());
        }
        if (f.virtualAccountId() != null) {
            where.add("va_id = :va");
            params.put("va", f.virtualAccountId());
        }
        if (f.onlyAccounts() != null) {
            where.add("va_id in (:visible)");
            params.put("visible", f.onlyAccounts());
        }
        if (f.pid() != null) {
            where.add("udi_pid = :pid");
            params.put("pid", f.pid());
        }
        if (f.serialNumber() != null) {
            where.add("udi_serial = :serial");
            params.put("serial", f.serialNumber());
        }
        if (f.hostname() != null) {
            where.add("lower(hostname) like :hostname escape '\\'");
            params.put("hostname", "%" + likeEscaped(f.hostname().toLowerCase(Locale.ROOT)) + "%");
        }
        return new Sql(where.isEmpty() ? "" : " where " + String.join(" and ", where), params);
    }

    /** A hostname search is a plain substring: '%' and '_' typed by the operator match themselves. */
    static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }
}
