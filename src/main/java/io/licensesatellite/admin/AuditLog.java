package io.licensesatellite.admin;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The audit table: entries are written in their own transaction, after the action itself committed or failed. */
@ApplicationScoped
public class AuditLog implements PanacheRepository<AuditEvent> {
    /** A search of the log; every field is optional. {@code q} matches any text of the entry, case-insensitively. */
    public record Filter(String actor, String action, String outcome, Instant from, Instant to, String q) {}

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public AuditEvent insert(AuditEvent event) {
        persist(event);
        return event;
    }

    @Transactional
    public List<AuditEvent> search(Filter filter, boolean newestFirst, int page, int size) {
        Query q = query(filter);
        Sort sort = newestFirst ? Sort.descending("occurredAt", "id") : Sort.ascending("occurredAt", "id");
        return find(q.jpql, sort, q.params).page(Page.of(page, size)).list();
    }

    @Transactional
    public long count(Filter filter) {
        Query q = query(filter);
        return count(q.jpql, q.params);
    }

    @Transactional
    public List<AuditEvent> recent(int page, int size) {
        return findAll(Sort.descending("occurredAt", "id")).page(Page.of(page, size)).list();
    }

    private record Query(String jpql, Map<String, Object> params) {}

    private static Query query(Filter f) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.actor() != null) {
            where.add("actor = :actor");
            params.put("actor", f.actor());
        }
        if (f.action() != null) {
            where.add("lower(action) like :action");
            params.put("action", "%" + like(f.action()) + "%");
        }
        if (f.outcome() != null) {
            where.add("result = :outcome");
            params.put("outcome", f.outcome().toLowerCase(Locale.ROOT));
        }
        if (f.from() != null) {
            where.add("occurredAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.add("occurredAt < :to");
            params.put("to", f.to());
        }
        if (f.q() != null) {
            where.add("(lower(actor) like :q or lower(action) like :q or lower(coalesce(target, '')) like :q"
                    + " or lower(coalesce(sourceAddress, '')) like :q or lower(coalesce(beforeState, '')) like :q"
                    + " or lower(coalesce(afterState, '')) like :q)");
            params.put("q", "%" + like(f.q()) + "%");
        }
        return new Query(where.isEmpty() ? "1 = 1" : String.join(" and ", where), params);
    }

    /** Lowercase, with LIKE's wildcards taken literally. */
    private static String like(String value) {
        return value.toLowerCase(Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "");
    }
}
