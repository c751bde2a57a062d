package io.licensesatellite.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports go PENDING -> SENT -> ACKNOWLEDGED; acknowledgements come back byte-exact as the device's import file. */
@QuarkusTest
class UsageAcknowledgementTest {
    @Inject
    UsageIngest ingest;
    @Inject
    UpstreamQueue queue;
    @Inject
    UsageAcknowledgements acknowledgements;
    @Inject
    UsageQueries queries;

    RumFixture device;
    Instant now;

    @BeforeEach
    void setUp() {
        TestClock.CLOCK.set(Instant.now());
        now = TestClock.CLOCK.instant();
        device = RumFixture.aDevice();
    }

    long store(long reportId) {
        return ((IngestOutcome.Stored) ingest.ingest(IngestSource.push(null, null, null, "peer"),
                RumFixture.raw(device.dayReport(reportId, 2, now)))).id();
    }

    List<PendingReport> pendingOfDevice() {
        return queue.pending(100_000).stream().filter(p -> p.device().equals(device.id())).toList();
    }

    @Test
    void pendingReportsAreListedUntilSentAndComeBackWhenTheSendFails() {
        long a = store(1);
        long b = store(2);
        assertThat(pendingOfDevice()).extracting(PendingReport::id).containsExactly(a, b);

        String correlation = "poll-" + UUID.randomUUID();
        assertThat(queue.markSent(List.of(a, b), correlation)).isEqualTo(2);
        assertThat(pendingOfDevice()).isEmpty();
        assertThat(queue.sent(correlation)).extracting(PendingReport::id).containsExactlyInAnyOrder(a, b);

        assertThat(queue.resetToPending(correlation)).isEqualTo(2);
        assertThat(pendingOfDevice()).extracting(PendingReport::id).containsExactly(a, b);
    }

    @Test
    void theForwardedWrapperCarriesThePayloadTheDeviceSigned() {
        var report = device.dayReport(3, 9, now);
        ingest.ingest(IngestSource.push(null, null, null, "peer"), RumFixture.raw(report));
        PendingReport pending = pendingOfDevice().get(0);
        assertThat(pending.wrapperJson()).isEqualTo(report.wrapperJson());
        assertThat(pending.payload()).isEqualTo(report.payload().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAcknowledgementMarksItsReportsAndIsHandedBackByteExact() {
        long a = store(10);
        long b = store(11);
        queue.markSent(List.of(a, b), "poll-" + UUID.randomUUID());
        assertThat(acknowledgements.ackFileFor(device.id())).isEmpty();
        assertThat(acknowledgements.poll(b)).isInstanceOf(UsageAcknowledgements.PollState.Waiting.class);

        byte[] ack = "{\"ack\":\"opaque \u00e9 bytes ]]> kept\"}".getBytes(StandardCharsets.UTF_8);
        byte[] policy = "<smartLicensePolicy><data>policy</data></smartLicensePolicy>".getBytes(StandardCharsets.UTF_8);
        var recorded = acknowledgements.recordAcknowledgement(device.id(), ack, List.of(10L, 11L, 99L), policy, "upstream test");

        assertThat(recorded.acknowledged()).isEqualTo(2);
        assertThat(recorded.unknown()).containsExactly(99L);
        assertThat(queries.report(a).orElseThrow().report().state()).isEqualTo("ACKNOWLEDGED");
        AckFile file = acknowledgements.ackFileFor(device.id()).orElseThrow();
        assertThat(file.ackBytes()).isEqualTo(ack);
        assertThat(file.policyBytes()).isEqualTo(policy);
        assertThat(file.fileName()).isEqualTo("ACK_C9300-24T_" + device.identity.serialNumber() + ".xml");
        String xml = new String(file.importFile(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<smartLicense>", "<smartLicenseRumAck><data><![CDATA[", new String(policy, StandardCharsets.UTF_8));
        assertThat(acknowledgements.poll(b)).isInstanceOf(UsageAcknowledgements.PollState.Complete.class);
    }

    @Test
    void anAcknowledgementThatIsAWholeImportFileIsTheFileAsItIs() {
        store(20);
        byte[] whole = "<?xml version=\"1.0\"?>\n<smartLicense><smartLicenseRumAck><data>x</data></smartLicenseRumAck></smartLicense>"
                .getBytes(StandardCharsets.UTF_8);
        acknowledgements.recordAcknowledgement(device.id(), whole, List.of(20L), null, "upstream test");
        assertThat(acknowledgements.ackFileFor(device.id()).orElseThrow().importFile()).isEqualTo(whole);
    }

    @Test
    void aReportStoredAfterThePolledPushDoesNotHoldThePollBack() {
        long a = store(30);
        acknowledgements.recordAcknowledgement(device.id(), "ack".getBytes(StandardCharsets.UTF_8), List.of(30L), null, "up");
        store(31);
        assertThat(acknowledgements.poll(a)).isInstanceOf(UsageAcknowledgements.PollState.Complete.class);
        assertThat(acknowledgements.poll(Long.MAX_VALUE)).isInstanceOf(UsageAcknowledgements.PollState.Unknown.class);
    }
}
