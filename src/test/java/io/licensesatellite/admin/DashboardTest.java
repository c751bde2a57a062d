package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /api/v1/dashboard: what a device registering and authorising changes on it. */
@QuarkusTest
class DashboardTest extends SatelliteJourney {
    static final String ESSENTIALS = "C9500 Network Essentials";
    static final String ESSENTIALS_32C = "C9500 32C NW Essentials";

    @Test
    void aDeviceThatRegistersAndAuthorisesShowsInStatesAndCompliance() {
        String name = "VA-" + UUID.randomUUID();
        long va = api.createVirtualAccount(name);
        api.addLicense(va, ESSENTIALS, 3, null);
        api.addLicense(va, ESSENTIALS_32C, 2, ESSENTIALS);
        String token = api.createToken(va, 30, 5, false);
        JsonPath before = dashboard();

        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        JsonPath registered = dashboard();
        assertThat(registered.getLong("devicesByState.REGISTERED")).isEqualTo(before.getLong("devicesByState.REGISTERED") + 1);

        Devices.success(client.authorize(device, List.of(new Entitlement(ESSENTIALS_32C, 4))));
        JsonPath after = dashboard();
        assertThat(after.getLong("devicesByState.REGISTERED")).isEqualTo(before.getLong("devicesByState.REGISTERED"));
        assertThat(after.getLong("devicesByState.AUTHORIZED")).isEqualTo(before.getLong("devicesByState.AUTHORIZED") + 1);
        assertThat(after.getMap("devicesByState")).containsKeys("OUT_OF_COMPLIANCE", "AUTHORIZATION_EXPIRED");

        assertThat(after.getString("compliance.find { it.virtualAccountId == " + va + " }.virtualAccountName")).isEqualTo(name);
        List<Map<String, Object>> tags = after.getList("compliance.find { it.virtualAccountId == " + va + " }.tags");
        assertThat(tags).containsExactly(
                Map.of("tag", ESSENTIALS_32C, "purchased", 2, "inUse", 2, "borrowed", 2, "balance", 0),
                Map.of("tag", ESSENTIALS, "purchased", 3, "inUse", 2, "borrowed", 0, "balance", 1));
    }

    @Test
    void syncCertificatesAndAlertsAreSummarised() {
        JsonPath d = dashboard();
        assertThat(d.getMap("sync")).containsKeys("registered", "lastSyncDown", "dueAt", "overdue");
        assertThat(d.getList("certificates.name", String.class)).contains("Device CA", "Device signer", "Admin TLS");
        assertThat(d.getInt("certificates.find { it.name == 'Device CA' }.daysLeft")).isPositive();
        int count = d.getInt("alerts.count");
        assertThat(d.getList("alerts.items")).hasSize(Math.min(5, count));
        List<String> codes = api.asAdmin().get("/api/v1/alerts").then().statusCode(200).extract().jsonPath()
                .getList("items.code", String.class);
        assertThat(codes).hasSize(count).startsWith(d.getList("alerts.items.code", String.class).toArray(String[]::new));
    }

    private JsonPath dashboard() {
        return api.asAdmin().get("/api/v1/dashboard").then().statusCode(200).extract().jsonPath();
    }
}
