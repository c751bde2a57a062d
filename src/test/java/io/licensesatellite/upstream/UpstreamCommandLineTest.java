package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.platform.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamCommandLineTest {
    @TempDir
    Path dir;
    final MutableClock clock = UpstreamFixtures.clock();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void initRegisterAnswerAndShowEndToEnd() throws Exception {
        String state = dir.resolve("state").toString();
        assertThat(run("--state", state, "init", "--tls-name", "upstream.lab")).isZero();
        assertThat(Path.of(state, "accounts.yml")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(state, "ca-key.pem")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(state, "signer-key.pem")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(state, "tls-key.pem")))).isEqualTo("rw-------");
        assertThat(run("--state", state, "accounts")).isZero();
        assertThat(stdout()).contains("Smart Account Example Corp", "Virtual Account Campus");

        PlayedSatellite satellite = PlayedSatellite.named("lab satellite/1", clock).inSmartAccount("Example Corp");
        Path registration = dir.resolve("registration.yml");
        Files.write(registration, satellite.registrationFile());
        assertThat(run("--state", state, "register", "--file", registration.toString(), "--smart-account", "Example Corp",
                "--virtual-account", "Campus", "--virtual-account", "Data Centre",
                "--sync-url", "https://upstream.lab:9443/sync/v1/exchange")).as(this::stderr).isZero();
        Path authorization = dir.resolve("license-satellite-authorization-labsatellite1.yml");
        assertThat(authorization).exists();
        satellite.accept(PlayedSatellite.FILES.readAuthorization(Files.readAllBytes(authorization), s -> { }).file());

        Path request = dir.resolve("license-sync-request-labsatellite1_20261123-1.yml");
        Files.write(request, satellite.full(1, null));
        Path responses = Files.createDirectory(dir.resolve("responses"));
        assertThat(run("--state", state, "answer", "--file", request.toString(), "--out", responses.toString()))
                .as(this::stderr).isZero();
        assertThat(stdout()).contains("Answered request 1 of satellite lab satellite/1", "complete licences");
        Path response = responses.resolve("license-sync-response-labsatellite1_20261123-1.yml");
        assertThat(PlayedSatellite.FILES.readResponse(Files.readAllBytes(response), s -> { }).file().licenses()
                .virtualAccounts()).hasSize(2);

        assertThat(run("--state", state, "show")).isZero();
        assertThat(stdout()).contains("Satellite lab satellite/1 (" + satellite.id + ")", "request 1 (full)");
    }

    @Test
    void anUnknownVirtualAccountFailsWithExitOneAndNoStackTrace() throws Exception {
        String state = dir.resolve("state").toString();
        run("--state", state, "init");
        Path registration = dir.resolve("registration.yml");
        Files.write(registration, PlayedSatellite.named("lab", clock).registrationFile());

        int status = run("--state", state, "register", "--file", registration.toString(), "--smart-account", "Example Corp",
                "--virtual-account", "Branch");

        assertThat(status).isEqualTo(1);
        assertThat(stderr()).isEqualTo("error: Smart Account 'Example Corp' has no Virtual Account 'Branch'"
                + " (it has: 'Campus', 'Data Centre')\n");
    }

    @Test
    void aRefusedRequestFailsWithExitOneAndItsReason() throws Exception {
        String state = dir.resolve("state").toString();
        run("--state", state, "init");
        Path request = dir.resolve("request.yml");
        Files.writeString(request, "format: 1\n");

        assertThat(run("--state", state, "answer", "--file", request.toString())).isEqualTo(1);
        assertThat(stderr()).startsWith("error: sync request refused (not signed)");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(stderr()).contains("unknown command 'frobnicate'");
        assertThat(run("--state", dir.toString(), "register", "--smart-account", "X")).isEqualTo(2);
        assertThat(stderr()).contains("'register' needs --file");
        assertThat(run("--state", dir.toString(), "show", "--port", "1")).isEqualTo(2);
        assertThat(stderr()).contains("--port does not apply to 'show'");
        assertThat(run("--state", dir.toString(), "answer", "--file", dir.resolve("missing.yml").toString())).isEqualTo(2);
        assertThat(stderr()).contains("no such file");
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(stdout()).contains("Usage: upstream [--state DIR] <command>", "register", "serve");
    }

    @Test
    void aCommandOnAnUninitialisedStateDirectorySaysToRunInit() {
        assertThat(run("--state", dir.resolve("nothing").toString(), "show")).isEqualTo(1);
        assertThat(stderr()).contains("run 'init' first");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return new UpstreamMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                clock).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
