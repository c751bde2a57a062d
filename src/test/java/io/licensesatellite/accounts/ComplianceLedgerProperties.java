package io.licensesatellite.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever the purchases, hierarchy and sequence of requests: balance = purchased - reserved, and releases restore it. */
class ComplianceLedgerProperties {
    static final List<String> TAGS = List.of("T0", "T1", "T2", "T3");

    record Request(String tag, int count) {}

    @Provide
    Arbitrary<List<Request>> requests() {
        return Combinators.combine(Arbitraries.of(TAGS), Arbitraries.integers().between(1, 20))
                .as(Request::new).list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 300)
    void balanceIsAlwaysPurchasedMinusReservedAndReleasesRestoreIt(
            @ForAll @Size(4) List<@IntRange(min = 0, max = 30) Integer> quantities,
            @ForAll @Size(4) List<@IntRange(min = -1, max = 3) Integer> parents,
            @ForAll("requests") List<Request> requests) {
        ComplianceLedger ledger = new ComplianceLedger();
        for (int i = 0; i < TAGS.size(); i++) {
            int parent = parents.get(i);
            ledger.purchase(TAGS.get(i), quantities.get(i), parent < 0 || parent == i ? null : TAGS.get(parent));
        }
        Map<String, Integer> reserved = new HashMap<>();
        List<ComplianceLedger.Allocation> made = new ArrayList<>();
        for (Request r : requests) {
            ComplianceLedger.Allocation a = ledger.allocate(r.tag(), r.count());
            made.add(a);
            int charged = a.charges().stream().mapToInt(ComplianceLedger.Charge::quantity).sum();
            assertThat(charged).as("every unit requested is charged somewhere").isEqualTo(r.count());
            assertThat(a.coveredExactly() + a.borrowed() + a.shortfall()).isEqualTo(r.count());
            a.charges().forEach(c -> reserved.merge(c.chargedTag(), c.quantity(), Integer::sum));
            for (String tag : TAGS) {
                assertThat(ledger.balance(tag)).isEqualTo(ledger.purchased(tag) - reserved.getOrDefault(tag, 0));
            }
            for (String tag : TAGS) {
                assertThat(ledger.covered(tag)).as("real licences held never exceed those purchased").isLessThanOrEqualTo(ledger.purchased(tag));
            }
        }
        for (ComplianceLedger.Allocation a : made) {
            a.charges().forEach(ledger::release);
        }
        for (int i = 0; i < TAGS.size(); i++) {
            assertThat(ledger.balance(TAGS.get(i))).isEqualTo(quantities.get(i));
        }
    }
}
