package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.sync.file.SyncFiles.Signed;
import io.licensesatellite.sync.file.SyncResponseFile;
import io.licensesatellite.sync.file.SyncResponseFile.VirtualAccountLicenses;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which licences a response carries: everything, or only the VAs changed since the acknowledged response. */
class LicenseDeltaTest {
    @TempDir
    Path state;
    final MutableClock clock = UpstreamFixtures.clock();

    @Test
    void aFullRequestGetsEveryAssignedVirtualAccountWithItsLines() throws Exception {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus", "Data Centre");
        byte[] request = satellite.full(1, null);

        UpstreamEmulator.Answered answered = emulator.answer(request);

        Signed<SyncResponseFile> read = PlayedSatellite.FILES.readResponse(answered.responseFile(), signer -> { });
        SyncResponseFile response = read.file();
        assertThat(response).isEqualTo(answered.response());
        assertThat(response.header().inReplyToSequence()).isEqualTo(1);
        assertThat(response.header().requestDigest()).isEqualTo(Digests.sha256Hex(request));
        assertThat(response.header().satelliteId()).isEqualTo(satellite.id);
        assertThat(response.header().smartAccount()).isEqualTo("ACME Corp");
        assertThat(response.licenses().complete()).isTrue();
        assertThat(response.licenses().virtualAccounts()).extracting(VirtualAccountLicenses::name)
                .containsExactly("Campus", "Data Centre");
        VirtualAccountLicenses campus = response.licenses().virtualAccounts().get(0);
        assertThat(campus.description()).isEqualTo("Access switches");
        assertThat(campus.licenses()).containsExactly(
                new SyncResponseFile.LicenseLine(UpstreamFixtures.NETWORK_ADVANTAGE, "C9300 Network Advantage", 10,
                        "PERPETUAL", null, null),
                new SyncResponseFile.LicenseLine(UpstreamFixtures.DNA_ADVANTAGE, "C9300 DNA Advantage", 10, "TERM",
                        LocalDate.parse("2028-03-31"), null));
        assertThat(answered.fileName()).isEqualTo("license-sync-response-lab-satellite_20261123-1.yml");
    }

    @Test
    void aStandardRequestThatAcknowledgesNothingGetsEverything() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus", "Data Centre");

        SyncResponseFile response = emulator.answer(satellite.standard(1, null)).response();

        assertThat(response.licenses().complete()).isTrue();
        assertThat(response.licenses().virtualAccounts()).hasSize(2);
    }

    @Test
    void aStandardRequestAfterAnAcknowledgedResponseGetsOnlyTheVirtualAccountsChangedSince() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus", "Data Centre", "Lab");
        emulator.answer(satellite.full(1, null));

        clock.advance(Duration.ofDays(1));
        SyncResponseFile unchanged = emulator.answer(satellite.standard(2, 1L)).response();
        emulator.saveAccounts(emulator.accounts().withLicense("ACME Corp", "Data Centre",
                Accounts.LicenseLine.perpetual(UpstreamFixtures.NEXUS_ESSENTIALS, "Nexus 9000 Essentials", 6)));
        clock.advance(Duration.ofDays(1));
        SyncResponseFile changed = emulator.answer(satellite.standard(3, 2L)).response();

        assertThat(unchanged.licenses().complete()).isFalse();
        assertThat(unchanged.licenses().virtualAccounts()).isEmpty();
        assertThat(changed.licenses().complete()).isFalse();
        assertThat(changed.licenses().virtualAccounts()).singleElement().satisfies(va -> {
            assertThat(va.name()).isEqualTo("Data Centre");
            assertThat(va.licenses()).singleElement().extracting(SyncResponseFile.LicenseLine::quantity).isEqualTo(6);
        });
    }

    @Test
    void theDeltaIsAgainstTheAcknowledgedResponseNotTheLastOneSent() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus", "Data Centre");
        emulator.answer(satellite.full(1, null));
        emulator.saveAccounts(emulator.accounts().withoutLicense("ACME Corp", "Campus", UpstreamFixtures.DNA_ADVANTAGE));
        emulator.answer(satellite.standard(2, 1L)); // carries Campus, but the satellite never applies it

        SyncResponseFile response = emulator.answer(satellite.standard(3, 1L)).response();

        assertThat(response.licenses().complete()).isFalse();
        assertThat(response.licenses().virtualAccounts()).extracting(VirtualAccountLicenses::name).containsExactly("Campus");
    }

    @Test
    void acknowledgingAResponseThisUpstreamHasNoRecordOfGetsEverything() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus", "Data Centre");

        SyncResponseFile response = emulator.answer(satellite.standard(8, 7L)).response();

        assertThat(response.licenses().complete()).isTrue();
        assertThat(response.licenses().virtualAccounts()).hasSize(2);
    }

    @Test
    void aFullRequestGetsEverythingEvenWhenNothingChanged() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus", "Data Centre");
        emulator.answer(satellite.full(1, null));

        SyncResponseFile response = emulator.answer(satellite.full(2, 1L)).response();

        assertThat(response.licenses().complete()).isTrue();
        assertThat(response.licenses().virtualAccounts()).hasSize(2);
    }

    @Test
    void answeringTheSameRequestTwiceGivesAnEquivalentResponse() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus", "Data Centre");
        emulator.answer(satellite.full(1, null));
        emulator.saveAccounts(emulator.accounts().withoutLicense("ACME Corp", "Campus", UpstreamFixtures.DNA_ADVANTAGE));
        byte[] request = satellite.standard(2, 1L);

        UpstreamEmulator.Answered first = emulator.answer(request);
        clock.advance(Duration.ofMinutes(3));
        UpstreamEmulator.Answered second = emulator.answer(request);

        assertThat(second.repeated()).isTrue();
        assertThat(second.response().licenses()).isEqualTo(first.response().licenses());
        assertThat(second.response().alerts()).isEqualTo(first.response().alerts());
        assertThat(second.response().header().requestDigest()).isEqualTo(first.response().header().requestDigest());
        SatelliteRecord record = emulator.satellite(satellite.id).orElseThrow();
        assertThat(record.answered()).extracting(SatelliteRecord.AnsweredRequest::sequence).containsExactly(1L, 2L);
        assertThat(record.report().eventsReceived()).isEqualTo(1);
    }

    @Test
    void anOlderRequestIsStillAnsweredButDoesNotRollTheReportBack() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        byte[] older = satellite.standard(1, null);
        emulator.answer(satellite.full(2, null));

        UpstreamEmulator.Answered answered = emulator.answer(older);

        assertThat(answered.response().header().inReplyToSequence()).isEqualTo(1);
        assertThat(emulator.satellite(satellite.id).orElseThrow().report().sequence()).isEqualTo(2);
    }
}
