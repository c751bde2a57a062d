package io.licensesatellite.usage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dictionary of entitlement tags: measurements refer to a tag by a small integer. Ids are cached once their
 * insert has committed, so a rolled-back group never leaves a cached id that the database does not have.
 */
@ApplicationScoped
public class UsageTags {
    private final EntityManager em;
    private final TransactionSynchronizationRegistry registry;
    private final Map<String, Integer> committed = new ConcurrentHashMap<>();
    private final Map<Integer, String> byId = new ConcurrentHashMap<>();

    public UsageTags(EntityManager em, TransactionSynchronizationRegistry registry) {
        this.em = em;
        this.registry = registry;
    }

    /** The tag's id, inserting the tag in the current transaction if it is new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int idOf(String tag) {
        Integer known = committed.get(tag);
        if (known != null) {
            return known;
        }
        Optional<Integer> found = find(tag);
        if (found.isPresent()) {
            remember(tag, found.get());
            return found.get();
        }
        em.createNativeQuery("insert into usage_tag (tag) values (?1)").setParameter(1, tag).executeUpdate();
        int id = find(tag).orElseThrow();
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    remember(tag, id);
                }
            }
        });
        return id;
    }

    /** The tag's id if the tag is known. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Integer> existing(String tag) {
        Integer known = committed.get(tag);
        return known != null ? Optional.of(known) : find(tag);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public String tag(int id) {
        String known = byId.get(id);
        if (known != null) {
            return known;
        }
        List<?> rows = em.createNativeQuery("select tag from usage_tag where id = ?1").setParameter(1, id).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    private Optional<Integer> find(String tag) {
        List<?> rows = em.createNativeQuery("select id from usage_tag where tag = ?1").setParameter(1, tag).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0)).intValue());
    }

    private void remember(String tag, int id) {
        committed.put(tag, id);
        byId.put(id, tag);
    }
}
