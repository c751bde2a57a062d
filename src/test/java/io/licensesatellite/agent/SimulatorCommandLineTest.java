package io.licensesatellite.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.protocol.smartagent.DeviceDoor;
import io.licensesatellite.protocol.smartagent.DeviceDoorSettings;
import io.licensesatellite.protocol.smartagent.DoorFixture;
import io.licensesatellite.protocol.smartagent.FakeDeviceRequests;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The simulator's command line against a running device door")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorCommandLineTest {
    private final DoorFixture fixture = new DoorFixture();
    private Vertx vertx;
    private DeviceDoor door;
    private Path certificate;
    @TempDir
    Path stateDir;

    private record Run(int exit, String out, String err) {}

    @BeforeAll
    void start(@TempDir Path tls) {
        vertx = Vertx.vertx();
        door = new DeviceDoor(vertx, fixture.requests, fixture.keys, DeviceDoorSettings.forTests(tls), fixture.clock);
        door.start();
        certificate = tls.resolve("device.crt");
    }

    @AfterAll
    void stop() {
        door.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new SimulatorMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                fixture.clock).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] withStateDir(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state-dir");
        all.add(stateDir.toString());
        return all.toArray(String[]::new);
    }

    private String url() {
        return "https://localhost:" + door.port();
    }

    @Test
    void aDeviceGoesThroughItsLifeCycleAcrossSeparateRuns() {
        Run register = run(withStateDir("register", "--url", url(), "--token", FakeDeviceRequests.TOKEN, "--serial", "FOC1",
                "--ca", certificate.toString()));
        assertThat(register.exit()).as(register.err()).isZero();
        assertThat(register.out()).startsWith("FOC1: register SUCCESS: registered as instance ");

        Run authorize = run(withStateDir("authorize", "--tag", "C9300 Network Advantage=2"));
        assertThat(authorize.exit()).as(authorize.err()).isZero();
        assertThat(authorize.out()).contains("FOC1: renew_authorization SUCCESS: AUTHORIZED until");

        Run status = run(withStateDir("status"));
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("Status: REGISTERED").contains("Status: AUTHORIZED on")
                .containsPattern("C9300 Network Advantage +C9300 Network Advantage +2 AUTHORIZED");

        assertThat(run(withStateDir("renew-auth")).exit()).isZero();
        assertThat(run(withStateDir("renew-id")).out()).contains("FOC1: renew_id_certificate SUCCESS");
        Run deregister = run(withStateDir("deregister"));
        assertThat(deregister.out()).contains("FOC1: SUCCESS: deregistered instance");
        assertThat(run(withStateDir("status")).out()).contains("Status: UNREGISTERED").contains("EVAL MODE");
    }

    @Test
    void registersManyDevicesWithSuffixedSerials() {
        Run run = run(withStateDir("register", "--url", url(), "--token", FakeDeviceRequests.TOKEN, "--serial", "LOAD",
                "--devices", "5", "--concurrency", "3", "--transport", "smart", "--insecure"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("LOAD-0001: register SUCCESS", "LOAD-0005: register SUCCESS",
                "5 device(s): 5 succeeded, 0 failed");
        assertThat(run.err()).contains("WARNING: --insecure");
        assertThat(new AgentStateStore(stateDir).serials()).containsExactly("LOAD-0001", "LOAD-0002", "LOAD-0003", "LOAD-0004", "LOAD-0005");
    }

    @Test
    void aRefusedRegistrationPrintsTheReasonAndExitsNonZero() {
        Run run = run(withStateDir("register", "--url", url(), "--token", "wrong", "--ca", certificate.toString()));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("register FAILED: The ID token is not valid");
    }

    @Test
    void helpPrintsUsage() {
        Run run = run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: simulator <command>", "register", "--insecure");
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertThat(run("fly")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("unknown command 'fly'");
        });
        assertThat(run(withStateDir("register", "--url", url()))).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("register needs --token");
        });
        assertThat(run(withStateDir("authorize", "--tag", "no-count"))).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("expected TAG=count");
        });
        assertThat(run(withStateDir("status", "--duration", "PT1H"))).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("--duration does not apply to 'status'");
        });
        assertThat(run(withStateDir("run", "--duration", "an hour"))).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("ISO-8601");
        });
    }

    @Test
    void commandsOnAnEmptyStateDirectoryExplain() {
        Run run = run(withStateDir("renew-auth", "--url", url(), "--insecure"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no simulated device in").contains("run 'register' first");
    }

    @Test
    void runPerformsWhatIsDueUntilTheDurationEnds() {
        assertThat(run(withStateDir("register", "--url", url(), "--token", FakeDeviceRequests.TOKEN, "--serial", "RUN1",
                "--insecure")).exit()).isZero();
        assertThat(run(withStateDir("authorize", "--tag", "C9300 DNA Advantage=1")).exit()).isEqualTo(0);

        // Out of compliance (no DNA licences): the next attempt is 15 minutes away, beyond this short run.
        Run run = run(withStateDir("run", "--duration", "PT0.2S"));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Running 1 device(s) until");
    }
}
