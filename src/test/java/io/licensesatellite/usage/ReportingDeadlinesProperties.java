package io.licensesatellite.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.usage.ReportingDeadlines.Deadlines;
import io.licensesatellite.usage.ReportingDeadlines.DeviceHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What holds for every policy and history, not only the worked examples. */
class ReportingDeadlinesProperties {
    private static final Instant ORIGIN = Instant.parse("2025-01-01T00:00:00Z");

    record Case(ReportingPolicy policy, Set<LicenceKind> kinds, DeviceHistory history) {}

    @Property
    void theAckDeadlineNeverPrecedesTheLastAckNorTheFirstSighting(@ForAll("cases") Case c) {
        Deadlines d = ReportingDeadlines.compute(c.policy(), c.kinds(), c.history());
        if (d.ackDeadline() != null) {
            assertThat(d.ackDeadline()).isAfterOrEqualTo(c.history().firstSeenAt());
            if (c.history().lastAckAt() != null) {
                assertThat(d.ackDeadline()).isAfterOrEqualTo(c.history().lastAckAt());
            }
        }
    }

    @Property
    void aStricterPolicyNeverGivesALaterDeadline(@ForAll("cases") Case c) {
        Map<LicenceKind, ReportingPolicy.Terms> halved = new EnumMap<>(LicenceKind.class);
        for (LicenceKind kind : LicenceKind.values()) {
            ReportingPolicy.Terms t = c.policy().termsFor(kind);
            // Halving keeps a frequency of 0 ("no periodic report") at 0, so the duty stays of the same shape.
            halved.put(kind, new ReportingPolicy.Terms(t.firstReportDays() / 2, t.reportingFrequencyDays() == 0 ? 0
                    : Math.max(1, t.reportingFrequencyDays() / 2), t.reportOnChangeDays() / 2));
        }
        ReportingPolicy stricter = new ReportingPolicy("stricter", c.policy().ackRequired(), halved);
        Deadlines loose = ReportingDeadlines.compute(c.policy(), c.kinds(), c.history());
        Deadlines strict = ReportingDeadlines.compute(stricter, c.kinds(), c.history());
        if (loose.ackDeadline() != null) {
            assertThat(strict.ackDeadline()).isBeforeOrEqualTo(loose.ackDeadline());
        }
    }

    @Property
    void moreLicenceKindsInUseNeverGiveALaterDeadline(@ForAll("cases") Case c, @ForAll LicenceKind extra) {
        Deadlines before = ReportingDeadlines.compute(c.policy(), c.kinds(), c.history());
        Set<LicenceKind> more = new java.util.HashSet<>(c.kinds());
        more.add(extra);
        Deadlines after = ReportingDeadlines.compute(c.policy(), more, c.history());
        if (before.ackDeadline() != null) {
            assertThat(after.ackDeadline()).isBeforeOrEqualTo(before.ackDeadline());
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ReportingPolicy.Terms> terms = Combinators.combine(Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(0, 400), Arbitraries.integers().between(0, 400)).as(ReportingPolicy.Terms::new);
        Arbitrary<ReportingPolicy> policies = Combinators.combine(Arbitraries.of(true, false),
                terms.list().ofSize(LicenceKind.values().length)).as((ack, list) -> {
                    Map<LicenceKind, ReportingPolicy.Terms> map = new EnumMap<>(LicenceKind.class);
                    for (LicenceKind kind : LicenceKind.values()) {
                        map.put(kind, list.get(kind.ordinal()));
                    }
                    return new ReportingPolicy("generated", ack, map);
                });
        Arbitrary<Long> days = Arbitraries.longs().between(0, 1000);
        Arbitrary<DeviceHistory> histories = Combinators.combine(days, days.injectNull(0.3), days.injectNull(0.3), days.injectNull(0.5))
                .as((first, report, ack, change) -> new DeviceHistory(at(first),
                        report == null ? null : at(first + report), ack == null ? null : at(first + ack),
                        change == null ? null : at(first + change)));
        return Combinators.combine(policies, Arbitraries.of(LicenceKind.class).set().ofMaxSize(3), histories).as(Case::new);
    }

    private static Instant at(long days) {
        return ORIGIN.plus(Duration.ofDays(days));
    }
}
