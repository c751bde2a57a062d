package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.sync.file.SyncRequestFile.TagUsage;
import io.licensesatellite.sync.file.SyncRequestFile.VirtualAccountUsage;
import io.licensesatellite.sync.file.SyncResponseFile.Alert;
import io.licensesatellite.sync.file.SyncResponseFile.LicenseLine;
import io.licensesatellite.sync.file.SyncResponseFile.VirtualAccountLicenses;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenseAlertsTest {
    static final LocalDate TODAY = LocalDate.parse("2026-11-23");

    @TempDir
    Path state;

    @Test
    void termLinesEndingWithinThirtyDaysWarnAndEndedOnesAreCritical() {
        List<Alert> alerts = LicenseAlertPolicy.alerts(List.of(new VirtualAccountLicenses("Campus", null, List.of(
                term("a", "2026-12-23"), term("b", "2026-12-24"), term("c", "2026-11-23"), term("d", "2026-11-22"),
                new LicenseLine("e", "E", 1, "PERPETUAL", null, null)))), List.of(), TODAY);

        assertThat(alerts).containsExactly(
                new Alert("WARNING", "LICENSES_EXPIRING", "Campus: 1 x A (a) end on 2026-12-23 (in 30 days)"),
                new Alert("WARNING", "LICENSES_EXPIRING", "Campus: 1 x C (c) end on 2026-11-23 (today is the last day)"),
                new Alert("CRITICAL", "LICENSES_EXPIRED", "Campus: 1 x D (d) ended on 2026-11-22"));
    }

    @Test
    void anOverdrawnTagWarns() {
        List<Alert> alerts = LicenseAlertPolicy.alerts(List.of(), List.of(new VirtualAccountUsage("Campus",
                List.of(new TagUsage("t", 10, 12, 2), new TagUsage("u", 5, 5, 0)))), TODAY);

        assertThat(alerts).containsExactly(
                new Alert("WARNING", "OUT_OF_COMPLIANCE", "Campus: t in use 12, purchased 10, overdrawn by 2"));
    }

    @Test
    void aResponseCarriesAlertsForEveryAssignedVirtualAccountEvenThoseItDoesNotSend() {
        MutableClock clock = UpstreamFixtures.clock();
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus", "Data Centre");
        emulator.answer(satellite.full(1, null));
        emulator.saveAccounts(emulator.accounts()
                .withLicense("ACME Corp", "Campus", Accounts.LicenseLine.term(UpstreamFixtures.DNA_ADVANTAGE,
                        "C9300 DNA Advantage", 10, LocalDate.parse("2026-12-01")))
                .withLicense("ACME Corp", "Data Centre", Accounts.LicenseLine.term("regid.old", "Old term", 2,
                        LocalDate.parse("2026-11-01"))));
        emulator.answer(satellite.full(2, 1L));

        var response = emulator.answer(satellite.standard(3, 2L)).response();

        assertThat(response.licenses().virtualAccounts()).isEmpty();
        assertThat(response.alerts()).extracting(Alert::severity, Alert::code).contains(
                org.assertj.core.groups.Tuple.tuple("WARNING", "LICENSES_EXPIRING"),
                org.assertj.core.groups.Tuple.tuple("CRITICAL", "LICENSES_EXPIRED"));
    }

    private static LicenseLine term(String tag, String endDate) {
        return new LicenseLine(tag, tag.toUpperCase(), 1, "TERM", LocalDate.parse(endDate), null);
    }
}
