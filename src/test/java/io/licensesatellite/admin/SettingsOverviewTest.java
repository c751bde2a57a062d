package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** GET /api/v1/settings/overview: where devices must point, what to paste, the clock and the certificates. */
@QuarkusTest
class SettingsOverviewTest extends SatelliteJourney {

    @Test
    void theDeviceUrlsNameTheDoorsActualPortAndTheConfigLinesCarryThem() {
        JsonPath o = overview();
        String base = "https://" + base().getHost() + ":" + door.port();
        assertThat(o.getString("deviceDoor.urls.callHome")).isEqualTo(base + "/Transportgateway/services/DeviceRequestHandler");
        assertThat(o.getString("deviceDoor.urls.smartTransport")).isEqualTo(base + "/SmartTransport");
        assertThat(o.getString("deviceDoor.urls.cslu")).isEqualTo(base + "/cslu/v1/pi");
        String callHome = o.getString("deviceDoor.urls.callHome");
        assertThat(o.getList("deviceDoor.configLines.iosXe", String.class))
                .contains("license smart transport callhome", "call-home", " profile \"CiscoTAC-1\"",
                        "  destination address http " + callHome);
        assertThat(o.getList("deviceDoor.configLines.nxos", String.class))
                .contains("  destination-profile CiscoTAC-1 index 1 http " + callHome);
        assertThat(o.getList("deviceDoor.configLines.iosXr", String.class)).contains("  destination address http " + callHome);
        assertThat(o.getList("deviceDoor.configLines.iosXeSlp", String.class))
                .containsExactly("license smart transport cslu", "license smart url cslu " + o.getString("deviceDoor.urls.cslu"));
    }

    @Test
    void theClockAndEveryCertificateAreShown() {
        JsonPath o = overview();
        assertThat(Duration.between(Instant.parse(o.getString("clock.now")), io.licensesatellite.testing.TestClock.CLOCK.instant()).abs())
                .isLessThan(Duration.ofMinutes(1));
        Object ntp = o.get("clock.ntpSynchronized");
        assertThat(o.getString("clock.source")).isEqualTo(ntp == null ? "unknown" : "timedatectl");
        assertThat(o.getList("certificates.name", String.class)).contains("Device CA", "Device signer", "Admin TLS");
        assertThat(o.getString("certificates.find { it.name == 'Device signer' }.serial")).isNotBlank();
        assertThat(o.getString("certificates.find { it.name == 'Admin TLS' }.subject")).startsWith("CN=");
    }

    private java.net.URL base() {
        return base;
    }

    private JsonPath overview() {
        return api.asAdmin().get("/api/v1/settings/overview").then().statusCode(200).extract().jsonPath();
    }
}
