package io.licensesatellite.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The appliance's systemd unit and restricted admin shell (appliance/), checked without a VM. */
class ApplianceFilesTest {
    private static final Path APPLIANCE = Path.of("appliance");

    @Nested
    class TheServiceUnit {
        private final String unit = read(APPLIANCE.resolve("systemd/license-satellite.service"));

        @Test
        void runsAsItsOwnUserWithNothingButTheRightToBindLowPorts() {
            assertThat(unit).contains("User=satellite", "Group=satellite", "NoNewPrivileges=yes",
                    "CapabilityBoundingSet=CAP_NET_BIND_SERVICE", "AmbientCapabilities=CAP_NET_BIND_SERVICE");
            assertThat(unit).doesNotContain("User=root", "CAP_SYS_ADMIN", "PermissionsStartOnly");
        }

        @Test
        void seesTheSystemReadOnlyWithAPrivateTmpAndWritesOnlyItsOwnDirectories() {
            assertThat(unit).contains("ProtectSystem=strict", "PrivateTmp=yes", "ProtectHome=yes", "PrivateDevices=yes",
                    "ReadWritePaths=/var/lib/license-satellite /var/log/license-satellite", "UMask=0077",
                    "StateDirectoryMode=0700");
        }

        @Test
        void restrictsKernelInterfaces() {
            assertThat(unit).contains("ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectControlGroups=yes",
                    "RestrictNamespaces=yes", "RestrictSUIDSGID=yes", "LockPersonality=yes",
                    "SystemCallFilter=@system-service", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6");
        }

        @Test
        void putsTheDeviceDoorOn443AndTheDataInTheStateDirectory() {
            assertThat(unit).contains("Environment=SATELLITE_DEVICE_DOOR_PORT=443",
                    "Environment=SATELLITE_DATA_DIR=/var/lib/license-satellite/data", "Restart=on-failure");
        }
    }

    @Nested
    class TheRestrictedShell {
        @TempDir
        Path root;

        @ParameterizedTest
        @ValueSource(strings = {"bash", "sh -i", "rm -rf /", "$(id)", "`id`", "status; bash", "!bash", "vi /etc/passwd",
                "less /var/log/syslog", "../../bin/sh"})
        void refusesAnythingButItsOwnCommands(String line) throws Exception {
            Result result = shell("-c", line);

            assertThat(result.exit).isEqualTo(2);
            assertThat(result.output).startsWith("unknown command:");
        }

        @Test
        void refusesToRestoreAnythingButABackupItMadeItself() throws Exception {
            for (String name : List.of("../../etc/shadow", "/etc/passwd", "satellite-x.tar.gz", "satellite-20260101T000000Z.tar.gz")) {
                Result result = shell("-c", "restore " + name);
                assertThat(result.exit).as(name).isEqualTo(2);
                assertThat(result.output).as(name).contains("NAME as listed by 'backups'");
            }
        }

        @Test
        void refusesAUserNameThatIsNotOne() throws Exception {
            Result result = shell("-c", "reset-password a;id");

            assertThat(result.exit).isEqualTo(2);
            assertThat(result.output).contains("not a user name");
        }

        @Test
        void theSudoEntryPointValidatesToo() throws Exception {
            assertThat(shell("--run", "sh").exit).isEqualTo(2);
            assertThat(shell("--run", "restore", "../x").exit).isEqualTo(2);
            assertThat(shell("--run", "backup", "extra").exit).isEqualTo(2);
            assertThat(shell("--run", "compact", "--force").exit).isEqualTo(2);
        }

        @Test
        void compactsTheDatabaseAroundAStop() throws Exception {
            Result result = shell("-c", "compact");

            assertThat(result.exit).isEqualTo(0);
            assertThat(result.output).containsSubsequence("[test] systemctl stop license-satellite", "[test] compact-database",
                    "[test] systemctl start license-satellite");
        }

        @Test
        void backsUpAndRestoresTheDataDirectoryAroundAStop() throws Exception {
            Path data = Files.createDirectories(root.resolve("var/lib/license-satellite/data/db"));
            Files.writeString(data.resolve("satellite.mv.db"), "before");

            Result backup = shell("-c", "backup");
            Files.writeString(data.resolve("satellite.mv.db"), "after");
            String name = shell("-c", "backups").output.strip();
            Result restore = shell("-c", "restore " + name);

            assertThat(backup.output).contains("[test] systemctl stop license-satellite", "backup written: satellite-");
            assertThat(restore.exit).as(restore.output).isZero();
            assertThat(Files.readString(data.resolve("satellite.mv.db"))).isEqualTo("before");
        }

        private Result shell(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("bash", APPLIANCE.resolve("satellite-shell").toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("SATELLITE_SHELL_TEST_ROOT", root.toString());
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new Result(process.exitValue(), output);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"satellite-shell", "license-satellite", "train-aot.sh", "build-runtime.sh", "rootfs.sh",
            "firstboot/firstboot.sh", "firstboot/show-secret.sh", "ova/build-ova.sh", "ova/provision.sh", "ova/boot-test.sh",
            "container/build-container.sh"})
    void everyScriptParses(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-n", APPLIANCE.resolve(script).toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private record Result(int exit, String output) {}

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
