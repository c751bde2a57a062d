package io.licensesatellite.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compliance of every Virtual Account in a few grouped queries: purchased from the pools, in use from the running
 * totals the ledger keeps, borrowed from the reservations charged to another tier. The per-account
 * {@link LicenseAllocation#compliance} reads every reservation as an entity, which is right for one account and
 * far too slow for all of them under a million devices.
 */
@ApplicationScoped
public class ComplianceSummary {
    private final EntityManager em;
    private final LicensePoolRepository pools;
    private final Clock clock;

    public ComplianceSummary(EntityManager em, LicensePoolRepository pools, Clock clock) {
        this.em = em;
        this.pools = pools;
        this.clock = clock;
    }

    /** One tag of one account; {@code balance = purchased - inUse}. */
    public record TagFigures(String tag, int purchased, int inUse, int borrowed, int balance) {}

    public record AccountFigures(long virtualAccountId, String virtualAccountName, List<TagFigures> tags) {}

    /** Every account by name, each with its tags in tag order; accounts without licences or use have no tags. */
    @Transactional
    public List<AccountFigures> all() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<Long, Map<String, int[]>> byAccount = new HashMap<>();
        for (LicensePool p : pools.listAll()) {
            figures(byAccount, p.virtualAccountId, p.tag)[0] += p.effectiveQuantity(today);
        }
        for (Object row : em.createNativeQuery("select va_id, tag, covered + overdrawn from license_usage").getResultList()) {
            Object[] r = (Object[]) row;
            figures(byAccount, ((Number) r[0]).longValue(), (String) r[1])[1] += ((Number) r[2]).intValue();
        }
        for (Object row : em.createNativeQuery("select va_id, requested_tag, sum(quantity) from license_reservation"
                + " where charged_tag <> requested_tag group by va_id, requested_tag").getResultList()) {
            Object[] r = (Object[]) row;
            figures(byAccount, ((Number) r[0]).longValue(), (String) r[1])[2] += ((Number) r[2]).intValue();
        }
        List<AccountFigures> result = new ArrayList<>();
        for (VirtualAccount va : em.createQuery("from VirtualAccount order by name", VirtualAccount.class).getResultList()) {
            Map<String, int[]> tags = byAccount.getOrDefault(va.id, Map.of());
            List<TagFigures> rows = new ArrayList<>(tags.size());
            for (String tag : new TreeSet<>(tags.keySet())) {
                int[] f = tags.get(tag);
                if (f[0] != 0 || f[1] != 0 || f[2] != 0) {
                    rows.add(new TagFigures(tag, f[0], f[1], f[2], f[0] - f[1]));
                }
            }
            result.add(new AccountFigures(va.id, va.name, rows));
        }
        return result;
    }

    private static int[] figures(Map<Long, Map<String, int[]>> byAccount, long vaId, String tag) {
        return byAccount.computeIfAbsent(vaId, va -> new TreeMap<>()).computeIfAbsent(tag, t -> new int[3]);
    }
}
