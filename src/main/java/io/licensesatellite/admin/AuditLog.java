package io.licensesatellite.admin;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Records administrative actions in their own transaction, after the action itself committed or failed. */
@ApplicationScoped
public class AuditLog implements PanacheRepository<AuditEvent> {
    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String actor, String action, int outcome, String sourceAddress) {
        AuditEvent event = new AuditEvent();
        event.actor = actor;
        event.action = action.length() > 300 ? action.substring(0, 300) : action;
        event.outcome = outcome;
        event.sourceAddress = sourceAddress;
        event.occurredAt = clock.instant();
        persist(event);
    }

    @Transactional
    public List<AuditEvent> recent(int page, int size) {
        return findAll(io.quarkus.panache.common.Sort.descending("occurredAt", "id")).page(Page.of(page, size)).list();
    }
}
