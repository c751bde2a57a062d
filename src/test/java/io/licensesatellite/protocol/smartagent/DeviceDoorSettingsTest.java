package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Device door settings stop the start with a message naming the key at fault")
class DeviceDoorSettingsTest {
    private static DeviceDoorSettings settings(int port, long maxBody, Duration idle) {
        return new DeviceDoorSettings("0.0.0.0", port, true, Path.of("c"), Path.of("k"), true, List.of("x"),
                OptionalInt.empty(), maxBody, idle);
    }

    @Test
    void aPortOutOfRange() {
        assertThatThrownBy(() -> settings(70000, 65536, Duration.ofSeconds(60)))
                .hasMessageContaining("satellite.device-door.port");
    }

    @Test
    void aBodyLimitTooSmallOrTooLarge() {
        assertThatThrownBy(() -> settings(8444, 100, Duration.ofSeconds(60))).hasMessageContaining("max-body-size");
        assertThatThrownBy(() -> settings(8444, 1L << 30, Duration.ofSeconds(60))).hasMessageContaining("max-body-size");
    }

    @Test
    void anIdleTimeoutUnderOneSecond() {
        assertThatThrownBy(() -> settings(8444, 65536, Duration.ofMillis(10))).hasMessageContaining("idle-timeout");
    }
}
