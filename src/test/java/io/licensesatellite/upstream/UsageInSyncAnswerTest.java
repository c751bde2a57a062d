package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.sync.file.SyncRequestFile;
import io.licensesatellite.sync.file.SyncResponseFile;
import io.licensesatellite.sync.file.SyncType;
import io.licensesatellite.sync.file.slp.SlpDocuments;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync request carrying usage reports and authorisation requests is answered with acknowledgements and codes. */
class UsageInSyncAnswerTest {
    @TempDir
    Path state;
    final MutableClock clock = UpstreamFixtures.clock();

    @Test
    void reportsAreAcknowledgedPerDeviceAndRequestsGetCodes() throws Exception {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        byte[] request = satellite.request(1, SyncType.FULL, null, withUsage(satellite.payload()));

        SyncResponseFile response = emulator.answer(request).response();

        assertThat(response.usageAcknowledgements()).singleElement().satisfies(ack -> {
            assertThat(ack.serial()).isEqualTo("FOC1");
            assertThat(ack.reportIds()).containsExactly(21L, 22L);
            assertThat(SlpDocuments.verifyAcknowledgement(Base64.getDecoder().decode(ack.document()), emulator.caCertificate(),
                    clock.instant()).data().acknowledgedReportIds()).containsExactly(21L, 22L);
        });
        assertThat(response.authorizationCodes()).singleElement().satisfies(code -> {
            assertThat(code.requestId()).isEqualTo(9);
            assertThat(code.status()).isEqualTo("SUCCESS");
        });
        assertThat(emulator.slp().ledger().reports()).extracting(SlpLedger.ReportReceived::via).containsOnly("sync");
    }

    @Test
    void theSameRequestAnsweredTwiceAcknowledgesAgainAndRecordsOnce() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        byte[] request = satellite.request(1, SyncType.FULL, null, withUsage(satellite.payload()));

        emulator.answer(request);
        SyncResponseFile again = emulator.answer(request).response();

        assertThat(again.usageAcknowledgements()).hasSize(1);
        assertThat(emulator.slp().ledger().reports()).hasSize(2);
    }

    @Test
    void usageOfAVirtualAccountNotAssignedIsLeftOutWithAnAlert() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        SyncRequestFile.Payload p = satellite.payload();
        byte[] request = satellite.request(1, SyncType.FULL, null, new SyncRequestFile.Payload(p.smartAccount(), p.usage(),
                p.productInstances(), List.of(), p.events(), null, List.of(report("Data Centre", 1)), List.of()));

        SyncResponseFile response = emulator.answer(request).response();

        assertThat(response.usageAcknowledgements()).isEmpty();
        assertThat(response.alerts()).anySatisfy(a -> {
            assertThat(a.code()).isEqualTo("USAGE_NOT_ACKNOWLEDGED");
            assertThat(a.message()).contains("'Data Centre'");
        });
        assertThat(emulator.slp().ledger().reports()).isEmpty();
    }

    private static SyncRequestFile.Payload withUsage(SyncRequestFile.Payload p) {
        return new SyncRequestFile.Payload(p.smartAccount(), p.usage(), p.productInstances(), List.of(), p.events(), null,
                List.of(report("Campus", 21), report("Campus", 22)),
                List.of(new SyncRequestFile.AuthorizationRequest(9, "Campus", "C9300-24T", "FOC1",
                        List.of(new SyncRequestFile.Entitlement(UpstreamFixtures.NETWORK_ADVANTAGE, 1)))));
    }

    private static SyncRequestFile.UsageReport report(String va, long id) {
        return new SyncRequestFile.UsageReport(va, "C9300-24T", "FOC1", RumReports.TAG, id,
                RumReports.payload("C9300-24T", "FOC1", id), RumReports.signature());
    }
}
