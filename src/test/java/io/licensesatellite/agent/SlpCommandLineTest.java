package io.licensesatellite.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline procedure on the simulated policy device: measure, save usage, import the ACK file, show status. */
class SlpCommandLineTest {
    @TempDir
    Path state;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(Instant at, String... args) {
        String[] withState = new String[args.length + 2];
        System.arraycopy(args, 0, withState, 0, args.length);
        withState[args.length] = "--state-dir";
        withState[args.length + 1] = state.toString();
        return new SimulatorMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.fixed(at, ZoneOffset.UTC)).run(withState);
    }

    @Test
    void aDeviceKeepsItsReportsAcrossRunsUntilAnAckFileIsImported() throws Exception {
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(run(t0.plusSeconds(3600), "slp-measure", "--serial", "FOC1", "--tag", "regid.a=3", "--tag", "regid.b=1")).isZero();
        Path usage = state.resolve("usage.xml");
        assertThat(run(t0.plusSeconds(7200), "slp-save", "--serial", "FOC1", "--file", usage.toString())).isZero();
        String xml = Files.readString(usage);
        assertThat(xml).startsWith("<?xml").contains("<smartLicenseSystemInfo>", "FOC1");
        assertThat(xml.split("<RUMReport>", -1)).hasSize(3);

        Path ack = state.resolve("ack.xml");
        Files.writeString(ack, "<smartLicense><smartLicenseRumAck><data><![CDATA[{\"ack\":1}]]></data></smartLicenseRumAck></smartLicense>");
        assertThat(run(t0.plusSeconds(9000), "slp-import", "--serial", "FOC1", "--file", ack.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Import Data Successful");

        out.reset();
        assertThat(run(t0.plusSeconds(9100), "slp-status", "--serial", "FOC1")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Last ACK received: 2026-03-01 02:30:00 UTC",
                "Next ACK deadline: <none>", "Unacknowledged reports: 0");
    }
}
