package io.licensesatellite.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The accounts side of synchronisation: applies the licences the upstream assigns, and reports usage per VA and
 * tag for the request. Both run inside the caller's transaction, so an import is all or nothing.
 */
@ApplicationScoped
public class UpstreamLicenses {
    private static final int IN_LIST_CHUNK = 500;
    private final VirtualAccountRepository accounts;
    private final LicensePoolRepository pools;
    private final LicenseUsageRepository usage;
    private final Clock clock;

    public UpstreamLicenses(VirtualAccountRepository accounts, LicensePoolRepository pools, LicenseUsageRepository usage,
                            Clock clock) {
        this.accounts = accounts;
        this.pools = pools;
        this.usage = usage;
        this.clock = clock;
    }

    /** One line per tag, as the upstream sends it. */
    public record Line(String tag, String displayName, int quantity, LicenseType type, LocalDate endDate,
                       String higherTierTag) {}

    public record AccountLicenses(String name, String description, List<Line> lines) {}

    /** What an import changed, for the operator and the history. */
    public record Changes(int virtualAccountsCreated, int linesReceived, int linesAdded, int linesChanged,
                          int linesRemoved) {
        public int linesTouched() { return linesAdded + linesChanged + linesRemoved; }
    }

    public record TagUsage(String tag, int purchased, int inUse, int overdrawn) {}

    public record AccountUsage(String virtualAccount, List<TagUsage> tags) {}

    /** Marks the VAs the upstream assigned (creating those missing) so their pools are no longer edited by hand. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int assign(List<String> virtualAccounts) {
        int created = 0;
        for (String name : virtualAccounts) {
            VirtualAccount va = accounts.findByName(name).orElse(null);
            if (va == null) {
                va = create(name, null);
                created++;
            }
            va.upstreamManaged = true;
        }
        return created;
    }

    /**
     * Makes each listed VA's pools exactly the upstream's lines (a pool typed in by hand under the same tag is
     * replaced). With {@code complete}, upstream-managed VAs not listed lose their pools: the upstream took them
     * away. Devices keep what they hold until their next authorisation, which then meets the new quantities.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Changes apply(List<AccountLicenses> incoming, boolean complete) {
        Instant now = clock.instant();
        int created = 0;
        int received = 0;
        int added = 0;
        int changed = 0;
        int removed = 0;
        Set<Long> listed = new HashSet<>();
        for (AccountLicenses account : incoming) {
            VirtualAccount va = accounts.findByName(account.name()).orElse(null);
            if (va == null) {
                va = create(account.name(), account.description());
                created++;
            }
            va.upstreamManaged = true;
            if (account.description() != null) {
                va.description = account.description();
            }
            accounts.lockForAllocation(va.id);
            listed.add(va.id);
            Map<String, LicensePool> existing = new HashMap<>();
            pools.forAccount(va.id).forEach(p -> existing.put(p.tag, p));
            for (Line line : account.lines()) {
                received++;
                LicensePool pool = existing.remove(line.tag());
                if (pool == null) {
                    pool = new LicensePool();
                    pool.virtualAccountId = va.id;
                    pool.tag = line.tag();
                    pool.createdAt = now;
                    copy(line, pool, now);
                    pools.persist(pool);
                    added++;
                } else if (!same(line, pool)) {
                    copy(line, pool, now);
                    changed++;
                }
            }
            for (LicensePool gone : existing.values()) {
                pools.delete(gone);
                removed++;
            }
        }
        if (complete) {
            for (VirtualAccount va : accounts.list("upstreamManaged = true")) {
                if (!listed.contains(va.id)) {
                    accounts.lockForAllocation(va.id);
                    removed += (int) pools.delete("virtualAccountId", va.id);
                }
            }
        }
        return new Changes(created, received, added, changed, removed);
    }

    /** Per VA (by name) and tag: purchased today, in use (covered plus overdrawn), and the part no licence covers. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AccountUsage> usage() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        List<AccountUsage> result = new ArrayList<>();
        for (VirtualAccount va : accounts.list("order by name")) {
            Map<String, int[]> byTag = new TreeMap<>();
            for (LicensePool pool : pools.forAccount(va.id)) {
                byTag.computeIfAbsent(pool.tag, t -> new int[3])[0] = pool.effectiveQuantity(today);
            }
            for (LicenseUsage u : usage.all(va.id)) {
                int[] row = byTag.computeIfAbsent(u.tag, t -> new int[3]);
                row[1] = u.covered + u.overdrawn;
                row[2] = u.overdrawn;
            }
            List<TagUsage> tags = new ArrayList<>(byTag.size());
            byTag.forEach((tag, row) -> tags.add(new TagUsage(tag, row[0], row[1], row[2])));
            result.add(new AccountUsage(va.name, tags));
        }
        return result;
    }

    /** What one instance holds of one requested tag; {@code covered} is false when any of it is a shortfall. */
    public record Held(String tag, int count, boolean covered) {}

    /** Licences held per instance id, for the given instances or (null) all of them, in one grouped query. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, List<Held>> heldByInstance(java.util.Collection<String> instanceIds) {
        Map<String, List<Held>> result = new HashMap<>();
        if (instanceIds == null) {
            held(null, result);
            return result;
        }
        // Bounded IN lists: a standard request after a long silence can touch every instance.
        List<String> ids = new ArrayList<>(instanceIds);
        for (int from = 0; from < ids.size(); from += IN_LIST_CHUNK) {
            held(ids.subList(from, Math.min(ids.size(), from + IN_LIST_CHUNK)), result);
        }
        return result;
    }

    private void held(List<String> instanceIds, Map<String, List<Held>> into) {
        String jpql = "select r.instanceId, r.requestedTag, sum(r.quantity), min(case when r.covered = true then 1 else 0 end)"
                + " from LicenseReservation r" + (instanceIds == null ? "" : " where r.instanceId in ?1")
                + " group by r.instanceId, r.requestedTag";
        var query = accounts.getEntityManager().createQuery(jpql, Object[].class);
        if (instanceIds != null) {
            query.setParameter(1, instanceIds);
        }
        query.getResultStream().forEach(row -> into.computeIfAbsent((String) row[0], k -> new ArrayList<>(2))
                .add(new Held((String) row[1], ((Number) row[2]).intValue(), ((Number) row[3]).intValue() == 1)));
    }

    /** VA id to name, for the request's instance rows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, String> accountNames() {
        Map<Long, String> names = new HashMap<>();
        accounts.listAll().forEach(va -> names.put(va.id, va.name));
        return names;
    }

    private VirtualAccount create(String name, String description) {
        VirtualAccount va = new VirtualAccount();
        va.name = name;
        va.description = description;
        va.createdAt = clock.instant();
        accounts.persist(va);
        return va;
    }

    private static boolean same(Line line, LicensePool pool) {
        return pool.source == LicenseSource.UPSTREAM && pool.quantity == line.quantity()
                && pool.licenseType == line.type() && Objects.equals(pool.endDate, line.endDate())
                && Objects.equals(pool.higherTierTag, line.higherTierTag())
                && Objects.equals(pool.displayName, displayName(line));
    }

    private static void copy(Line line, LicensePool pool, Instant now) {
        pool.displayName = displayName(line);
        pool.quantity = line.quantity();
        pool.licenseType = line.type();
        pool.endDate = line.endDate();
        pool.higherTierTag = line.higherTierTag();
        pool.source = LicenseSource.UPSTREAM;
        pool.updatedAt = now;
    }

    private static String displayName(Line line) {
        return line.displayName() == null || line.displayName().isBlank() ? line.tag() : line.displayName();
    }
}
