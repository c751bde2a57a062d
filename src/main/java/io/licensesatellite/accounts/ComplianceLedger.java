package io.licensesatellite.accounts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of one Virtual Account's licences, free of storage: per tag what was purchased, what is
 * charged to it (covered by real licences), what is overdrawn (used beyond every pool), and which higher tier
 * may stand in for it. Balance is always purchased minus everything in use. Overdrawn use counts against the
 * balance but never takes a real licence from the next device: which device is out of compliance must not
 * depend on which one renewed first.
 */
public final class ComplianceLedger {
    /** Guards against a hierarchy an operator typed in as a cycle or an absurdly long chain. */
    static final int MAX_HIERARCHY_DEPTH = 8;

    private final Map<String, Integer> purchased = new HashMap<>();
    private final Map<String, Integer> charged = new HashMap<>();
    private final Map<String, Integer> overdrawn = new HashMap<>();
    private final Map<String, String> higherTier = new HashMap<>();

    public void purchase(String tag, int quantity, String higherTierTag) {
        purchased.merge(tag, quantity, Integer::sum);
        if (higherTierTag != null && !higherTierTag.isBlank()) {
            higherTier.put(tag, higherTierTag);
        }
    }

    /** Records a charge that already exists (loaded from storage). */
    public void charge(String chargedTag, int quantity, boolean covered) {
        (covered ? charged : overdrawn).merge(chargedTag, quantity, Integer::sum);
    }

    public void release(Charge charge) {
        (charge.covered() ? charged : overdrawn).merge(charge.chargedTag(), -charge.quantity(), Integer::sum);
    }

    public int purchased(String tag) { return purchased.getOrDefault(tag, 0); }

    /** Everything in use under this tag, covered or not. */
    public int inUse(String tag) { return charged.getOrDefault(tag, 0) + overdrawn.getOrDefault(tag, 0); }

    public int balance(String tag) { return purchased(tag) - inUse(tag); }

    /** Licences of this tag held by devices (never more than purchased). */
    int covered(String tag) { return charged.getOrDefault(tag, 0); }

    /** Real licences of this tag nobody holds yet. */
    int available(String tag) { return Math.max(0, purchased(tag) - charged.getOrDefault(tag, 0)); }

    /**
     * Takes {@code count} of {@code tag}: first from the tag itself, then up its chain of higher tiers; what
     * no pool can cover is still charged to the requested tag (usage is real) and reported as the shortfall.
     */
    public Allocation allocate(String tag, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive");
        }
        List<Charge> charges = new ArrayList<>();
        int remaining = count;
        Set<String> visited = new HashSet<>();
        String current = tag;
        while (current != null && remaining > 0 && visited.add(current) && visited.size() <= MAX_HIERARCHY_DEPTH) {
            int take = Math.min(available(current), remaining);
            if (take > 0) {
                charges.add(new Charge(current, take, true));
                charge(current, take, true);
                remaining -= take;
            }
            current = higherTier.get(current);
        }
        if (remaining > 0) {
            charges.add(new Charge(tag, remaining, false));
            charge(tag, remaining, false);
        }
        return new Allocation(tag, count, List.copyOf(charges), remaining);
    }

    /** @param covered false for use no pool could cover (the shortfall) */
    public record Charge(String chargedTag, int quantity, boolean covered) {}

    /** @param shortfall how many of the request no pool could cover: non-zero means out of compliance */
    public record Allocation(String tag, int requested, List<Charge> charges, int shortfall) {
        public int coveredExactly() {
            return charges.stream().filter(c -> c.covered() && c.chargedTag().equals(tag)).mapToInt(Charge::quantity).sum();
        }

        public int borrowed() { return requested - shortfall - coveredExactly(); }

        /** The higher tiers lent from, joined with ", " in the order they were used; null if none. */
        public String borrowedFrom() {
            List<String> tiers = charges.stream().map(Charge::chargedTag).filter(t -> !t.equals(tag)).distinct().toList();
            return tiers.isEmpty() ? null : String.join(", ", tiers);
        }
    }
}
