package io.licensesatellite.accounts;

import io.licensesatellite.accounts.AccountViews.ComplianceRow;
import io.licensesatellite.accounts.AccountViews.TagAllocation;
import io.licensesatellite.accounts.AccountViews.TagRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Reserves and releases a product instance's licences in its VA, through the {@link ComplianceLedger}. */
@ApplicationScoped
public class LicenseAllocation {
    private final VirtualAccountRepository accounts;
    private final LicensePoolRepository pools;
    private final LicenseReservationRepository reservations;
    private final LicenseUsageRepository usage;
    private final Clock clock;

    public LicenseAllocation(VirtualAccountRepository accounts, LicensePoolRepository pools,
                             LicenseReservationRepository reservations, LicenseUsageRepository usage, Clock clock) {
        this.accounts = accounts;
        this.pools = pools;
        this.reservations = reservations;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * Replaces what the instance holds in the VA with the requested tags and counts, in the caller's
     * transaction. Requests of the same tag are summed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<TagAllocation> reserve(long vaId, String instanceId, List<TagRequest> requests) {
        accounts.lockForAllocation(vaId);
        Map<String, LicenseUsage> totals = usage.forAccount(vaId);
        release(reservations.forInstance(instanceId), totals);
        ComplianceLedger ledger = load(vaId, totals);
        Map<String, Integer> merged = new java.util.LinkedHashMap<>();
        for (TagRequest r : requests) {
            merged.merge(r.tag(), r.count(), Integer::sum);
        }
        Instant now = clock.instant();
        List<TagAllocation> result = new ArrayList<>(merged.size());
        for (Map.Entry<String, Integer> e : merged.entrySet()) {
            ComplianceLedger.Allocation allocation = ledger.allocate(e.getKey(), e.getValue());
            for (ComplianceLedger.Charge charge : allocation.charges()) {
                LicenseReservation row = new LicenseReservation();
                row.instanceId = instanceId;
                row.virtualAccountId = vaId;
                row.requestedTag = e.getKey();
                row.chargedTag = charge.chargedTag();
                row.quantity = charge.quantity();
                row.covered = charge.covered();
                row.createdAt = now;
                reservations.persist(row);
                usage.add(totals, vaId, charge.chargedTag(), charge.covered(), charge.quantity());
            }
            result.add(new TagAllocation(e.getKey(), e.getValue(), allocation.coveredExactly(),
                    allocation.borrowedFrom(), allocation.borrowed(), allocation.shortfall()));
        }
        return result;
    }

    /** Gives back everything the instance holds; returns how many reservation rows were released. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long releaseAll(String instanceId) {
        List<LicenseReservation> held = reservations.forInstance(instanceId);
        if (held.isEmpty()) {
            return 0;
        }
        long vaId = held.get(0).virtualAccountId;
        accounts.lockForAllocation(vaId);
        release(held, usage.forAccount(vaId));
        return held.size();
    }

    private void release(List<LicenseReservation> held, Map<String, LicenseUsage> totals) {
        for (LicenseReservation r : held) {
            usage.add(totals, r.virtualAccountId, r.chargedTag, r.covered, -r.quantity);
            reservations.delete(r);
        }
    }

    @Transactional
    public List<TagAllocation> heldBy(String instanceId) {
        // Per requested tag: [requested, borrowed, short]
        Map<String, int[]> byTag = new java.util.TreeMap<>();
        Map<String, TreeSet<String>> borrowedFrom = new HashMap<>();
        for (LicenseReservation r : reservations.forInstance(instanceId)) {
            int[] sums = byTag.computeIfAbsent(r.requestedTag, t -> new int[3]);
            sums[0] += r.quantity;
            if (!r.covered) {
                sums[2] += r.quantity;
            } else if (!r.chargedTag.equals(r.requestedTag)) {
                sums[1] += r.quantity;
                borrowedFrom.computeIfAbsent(r.requestedTag, t -> new TreeSet<>()).add(r.chargedTag);
            }
        }
        return byTag.entrySet().stream().map(e -> new TagAllocation(e.getKey(), e.getValue()[0],
                e.getValue()[0] - e.getValue()[1] - e.getValue()[2],
                borrowedFrom.containsKey(e.getKey()) ? String.join(", ", borrowedFrom.get(e.getKey())) : null,
                e.getValue()[1], e.getValue()[2])).toList();
    }

    /** Per tag of the VA: purchased, in use, lent, borrowed, balance. */
    @Transactional
    public List<ComplianceRow> compliance(long vaId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, LicensePool> poolByTag = new HashMap<>();
        pools.forAccount(vaId).forEach(p -> poolByTag.put(p.tag, p));
        Map<String, Integer> inUse = new HashMap<>();
        Map<String, Integer> lent = new HashMap<>();
        Map<String, Integer> borrowed = new HashMap<>();
        for (LicenseReservation r : reservations.forAccount(vaId)) {
            inUse.merge(r.chargedTag, r.quantity, Integer::sum);
            if (!r.chargedTag.equals(r.requestedTag)) {
                lent.merge(r.chargedTag, r.quantity, Integer::sum);
                borrowed.merge(r.requestedTag, r.quantity, Integer::sum);
            }
        }
        TreeSet<String> tags = new TreeSet<>(poolByTag.keySet());
        tags.addAll(inUse.keySet());
        tags.addAll(borrowed.keySet());
        List<ComplianceRow> rows = new ArrayList<>(tags.size());
        for (String tag : tags) {
            LicensePool pool = poolByTag.get(tag);
            int purchased = pool == null ? 0 : pool.effectiveQuantity(today);
            int used = inUse.getOrDefault(tag, 0);
            int balance = purchased - used;
            rows.add(new ComplianceRow(tag, pool == null ? tag : pool.displayName, purchased, used,
                    lent.getOrDefault(tag, 0), borrowed.getOrDefault(tag, 0), balance, balance >= 0));
        }
        return rows;
    }

    private ComplianceLedger load(long vaId, Map<String, LicenseUsage> totals) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        ComplianceLedger ledger = new ComplianceLedger();
        for (LicensePool p : pools.forAccount(vaId)) {
            ledger.purchase(p.tag, p.effectiveQuantity(today), p.higherTierTag);
        }
        for (LicenseUsage u : totals.values()) {
            ledger.charge(u.tag, u.covered, true);
            ledger.charge(u.tag, u.overdrawn, false);
        }
        return ledger;
    }
}
