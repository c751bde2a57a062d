package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.sync.file.slp.SlpDocuments;
import io.licensesatellite.sync.file.slp.Sudi;
import io.licensesatellite.sync.file.slp.UsageBundles;
import io.licensesatellite.sync.file.slp.UsageBundles.AuthRequestEntry;
import io.licensesatellite.sync.file.slp.UsageBundles.DeviceUsage;
import io.licensesatellite.sync.file.slp.UsageBundles.RumReport;
import io.licensesatellite.sync.file.slp.Ustar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code usage-answer}: an offline usage bundle in, its acknowledgement bundle out; a hostile bundle changes nothing. */
class UsageBundleAnswerTest {
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.startingNow();

    @Test
    void aBundleIsAnsweredWithAnAcknowledgementPerDeviceAndCodesForItsRequests() throws Exception {
        Path state = dir.resolve("state");
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        Instant created = Instant.parse("2026-11-23T10:15:30Z");
        byte[] bundle = UsageBundles.write(new UsageBundles.UsageBundle(UpstreamFixtures.SMART_ACCOUNT, created, List.of(
                new UsageBundles.VirtualAccountUsage("Campus", List.of(
                        new DeviceUsage(new Sudi("C9300-24T", "FOC1"), "sw-1", RumReports.TAG, List.of(
                                new RumReport(11, RumReports.payload("C9300-24T", "FOC1", 11), RumReports.signature()),
                                new RumReport(12, RumReports.payload("C9300-24T", "FOC1", 12), RumReports.signature())),
                                List.of(new AuthRequestEntry("req-7", List.of(new UsageBundles.Key(UpstreamFixtures.NETWORK_ADVANTAGE, 1))))))))),
                "test");
        Path input = dir.resolve(UsageBundles.usageFileName(created));
        Files.write(input, bundle);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = new UpstreamMain(new PrintStream(out), new PrintStream(new ByteArrayOutputStream()), clock)
                .run(new String[] {"--state", state.toString(), "usage-answer", "--file", input.toString()});

        assertThat(status).isZero();
        Path answer = dir.resolve("ACK_UD_SA_20261123T101530Z.tar.gz");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Acknowledged 2 report(s) of 1 device(s)").contains(answer.toString());
        UsageBundles.AckBundle acks = UsageBundles.readAcks(Files.readAllBytes(answer));
        assertThat(acks.smartAccount()).isEqualTo(UpstreamFixtures.SMART_ACCOUNT);
        var campus = acks.virtualAccounts().get(0);
        assertThat(campus.virtualAccount()).isEqualTo("Campus");
        byte[] ack = campus.devices().stream().filter(d -> d.acknowledgement() != null).findFirst().orElseThrow().acknowledgement();
        assertThat(SlpDocuments.verifyAcknowledgement(ack, emulator.caCertificate(), clock.instant()).data().acknowledgedReportIds())
                .containsExactly(11L, 12L);
        byte[] code = campus.devices().stream().filter(d -> !d.authorizations().isEmpty()).findFirst().orElseThrow()
                .authorizations().get(0);
        assertThat(SlpDocuments.verifyAuthorization(code, emulator.caCertificate(), clock.instant()).data().requestId())
                .isEqualTo("req-7");
        assertThat(emulator.slp().ledger().reports()).hasSize(2);
    }

    @Test
    void aBundleWithAPathOutsideIsRefusedAndNothingIsRecorded() throws Exception {
        Path state = dir.resolve("state");
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        byte[] tar = Ustar.gzip(List.of(new Ustar.Entry("manifest.mf", "Smart-Account: ACME Corp\n".getBytes(StandardCharsets.UTF_8)),
                new Ustar.Entry("evil.txt", new byte[1])));
        Path input = dir.resolve("UD_SA_1.tar.gz");
        Files.write(input, tar);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = new UpstreamMain(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), clock)
                .run(new String[] {"--state", state.toString(), "usage-answer", "--file", input.toString()});

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the usage bundle is refused").contains("'evil.txt'");
        assertThat(emulator.slp().ledger().reports()).isEmpty();
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith("ACK_")).count()).isZero();
    }
}
