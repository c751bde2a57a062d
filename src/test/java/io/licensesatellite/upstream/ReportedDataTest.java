package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.sync.file.SyncRequestFile.Instance;
import io.licensesatellite.sync.file.SyncType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the satellite reported is kept per satellite, and shown. */
class ReportedDataTest {
    @TempDir
    Path state;
    final MutableClock clock = UpstreamFixtures.clock();

    @Test
    void usageInstancesAndEventsOfARequestAreStored() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");

        emulator.answer(satellite.full(1, null));

        SatelliteRecord.Report report = emulator.satellite(satellite.id).orElseThrow().report();
        assertThat(report.sequence()).isEqualTo(1);
        assertThat(report.type()).isEqualTo(SyncType.FULL);
        assertThat(report.receivedAt()).isEqualTo(clock.instant());
        assertThat(report.usage()).isEqualTo(satellite.payload().usage());
        assertThat(report.instances()).isEqualTo(satellite.payload().productInstances());
        assertThat(report.recentEvents()).isEqualTo(satellite.payload().events());
        assertThat(report.eventsReceived()).isEqualTo(1);
    }

    @Test
    void aStandardRequestUpsertsItsInstancesAndDropsTheRemovedOnes() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        emulator.answer(satellite.request(1, SyncType.FULL, null, satellite.payload(
                List.of(satellite.instance("a", "FOC000A"), satellite.instance("b", "FOC000B")), List.of(),
                List.of(satellite.event(1, "a"), satellite.event(2, "b")), null)));
        clock.advance(Duration.ofDays(1));
        Instance aMoved = satellite.instance("a", "FOC000A");
        Instance c = satellite.instance("c", "FOC000C");

        emulator.answer(satellite.request(2, SyncType.STANDARD, 1L, satellite.payload(List.of(aMoved, c), List.of("b"),
                List.of(satellite.event(2, "b"), satellite.event(3, "c")), null)));

        SatelliteRecord.Report report = emulator.satellite(satellite.id).orElseThrow().report();
        assertThat(report.instances()).containsExactly(aMoved, c);
        assertThat(report.recentEvents()).extracting(e -> e.id()).containsExactly(1L, 2L, 3L);
        assertThat(report.eventsReceived()).isEqualTo(3);
    }

    @Test
    void aFullRequestReplacesTheInstances() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        emulator.answer(satellite.request(1, SyncType.FULL, null, satellite.payload(
                List.of(satellite.instance("a", "FOC000A"), satellite.instance("b", "FOC000B")), List.of(), List.of(), null)));

        emulator.answer(satellite.request(2, SyncType.FULL, 1L, satellite.payload(
                List.of(satellite.instance("c", "FOC000C")), List.of(), List.of(), null)));

        assertThat(emulator.satellite(satellite.id).orElseThrow().report().instances()).extracting(Instance::id)
                .containsExactly("c");
    }

    @Test
    void showPrintsPerSatelliteItsLastSyncInstancesUsageAndEvents() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite synced = PlayedSatellite.registered(emulator, clock, "Campus");
        PlayedSatellite silent = PlayedSatellite.named("quiet-one", clock);
        emulator.register(silent.registrationFile(), "ACME Corp", List.of("Lab"), null);
        emulator.answer(synced.full(4, null));

        String shown = emulator.show(null, 10);

        assertThat(shown)
                .contains("Satellite lab-satellite (" + synced.id + ")")
                .contains("Smart Account ACME Corp; Virtual Accounts Campus")
                .contains("last sync 2026-11-23T10:15:30Z: request 4 (full)")
                .contains("product instances: 1; events received: 1")
                .contains(UpstreamFixtures.NETWORK_ADVANTAGE + "  purchased 10  in use 12  overdrawn 2")
                .contains("#1  REGISTERED  PID:C9300-24T,SN:FOC0001  Campus")
                .contains("Satellite quiet-one (" + silent.id + ")")
                .contains("no sync yet");
        assertThat(emulator.show(silent.id, 10)).doesNotContain("lab-satellite");
    }

    @Test
    void recordsSurviveANewEmulatorOnTheSameStateDirectory() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        emulator.answer(satellite.full(1, null));

        UpstreamEmulator reopened = new UpstreamEmulator(state, clock);

        assertThat(reopened.satellite(satellite.id)).contains(emulator.satellite(satellite.id).orElseThrow());
        assertThat(reopened.answer(satellite.standard(2, 1L)).response().licenses().complete()).isFalse();
    }
}
