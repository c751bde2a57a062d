package io.licensesatellite.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.licensesatellite.agent.AgentMessages.Authorization;
import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.UpstreamLab;
import io.licensesatellite.upstream.Accounts;
import io.licensesatellite.upstream.SatelliteRecord;
import io.licensesatellite.upstream.UpstreamEmulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Across the air gap with files: licences come down and devices use them; instances and usage go up. */
@QuarkusTest
class FileSyncJourneyTest extends SatelliteJourney {
    UpstreamLab lab;

    @BeforeEach
    void registered() {
        lab = UpstreamLab.shared();
        lab.ensureRegistered(api);
        lab.setLicense(UpstreamLab.CAMPUS, Accounts.LicenseLine.perpetual(UpstreamLab.C9300_ESSENTIALS, "C9300 DNA Essentials", 20));
    }

    @Test
    void licencesGrantedUpstreamAreWhatDevicesAreAuthorisedAgainst() {
        String tag = "regid.lab.test_" + java.util.UUID.randomUUID();
        lab.setLicense(UpstreamLab.CAMPUS, Accounts.LicenseLine.perpetual(tag, "Test licence", 1));
        lab.syncByFile(api, "full");
        long campus = vaId(UpstreamLab.CAMPUS);
        JsonPath pool = api.asAdmin().get("/api/v1/virtual-accounts/" + campus + "/licenses").then().statusCode(200).extract().jsonPath();
        assertThat(pool.getInt("find { it.tag == '" + tag + "' }.quantity")).isEqualTo(1);
        assertThat(pool.getString("find { it.tag == '" + tag + "' }.source")).isEqualTo("UPSTREAM");

        String token = api.createToken(campus, 30, 10, false);
        Credentials first = Devices.registered(client, Devices.aSwitch(), token);
        Credentials second = Devices.registered(client, Devices.aSwitch(), token);
        assertThat(Devices.success(client.authorize(first, List.of(new Entitlement(tag, 1)))).status()).isEqualTo("AUTHORIZED");
        assertThat(Devices.success(client.authorize(second, List.of(new Entitlement(tag, 1)))).status()).isEqualTo("OUT_OF_COMPLIANCE");

        // One more bought upstream: after a standard sync the second device's renewal is covered.
        lab.setLicense(UpstreamLab.CAMPUS, Accounts.LicenseLine.perpetual(tag, "Test licence", 2));
        lab.syncByFile(api, "standard");
        Authorization renewed = Devices.success(client.authorize(second, List.of(new Entitlement(tag, 1))));
        assertThat(renewed.status()).isEqualTo("AUTHORIZED");

        // Taken away upstream: the next authorisation meets the new quantity.
        lab.setLicense(UpstreamLab.CAMPUS, Accounts.LicenseLine.perpetual(tag, "Test licence", 0));
        lab.syncByFile(api, "standard");
        assertThat(Devices.success(client.authorize(first, List.of(new Entitlement(tag, 1)))).status()).isEqualTo("OUT_OF_COMPLIANCE");
    }

    @Test
    void theUsageDevicesReportAppearsUpstream() {
        long campus = vaId(UpstreamLab.CAMPUS);
        lab.syncByFile(api, "standard");
        String token = api.createToken(campus, 30, 10, false);
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        Devices.success(client.authorize(device, List.of(new Entitlement(UpstreamLab.C9300_ESSENTIALS, 1))));

        UpstreamEmulator.Answered answered = lab.syncByFile(api, "standard");

        SatelliteRecord satellite = lab.emulator().satellite(answered.satelliteId()).orElseThrow();
        assertThat(satellite.report().instances()).anySatisfy(i -> {
            assertThat(i.id()).isEqualTo(device.productInstanceId());
            assertThat(i.serial()).isEqualTo(device.device().serialNumber());
            assertThat(i.virtualAccount()).isEqualTo(UpstreamLab.CAMPUS);
            assertThat(i.state()).isEqualTo("AUTHORIZED");
        });
        assertThat(satellite.report().usage()).anySatisfy(va -> {
            assertThat(va.virtualAccount()).isEqualTo(UpstreamLab.CAMPUS);
            assertThat(va.tags()).anySatisfy(t -> {
                assertThat(t.tag()).isEqualTo(UpstreamLab.C9300_ESSENTIALS);
                assertThat(t.inUse()).isEqualTo(inUse(campus, UpstreamLab.C9300_ESSENTIALS));
            });
        });
    }

    @Test
    void aStandardRequestCarriesOnlyWhatChangedSinceTheAcknowledgedOne() {
        long campus = vaId(UpstreamLab.CAMPUS);
        String token = api.createToken(campus, 30, 10, false);
        Credentials before = Devices.registered(client, Devices.aSwitch(), token);
        Credentials removed = Devices.registered(client, Devices.aSwitch(), token);
        lab.syncByFile(api, "standard");

        Credentials after = Devices.registered(client, Devices.aSwitch(), token);
        api.asAdmin().delete("/api/v1/product-instances/" + removed.productInstanceId()).then().statusCode(204);
        String request = new String(lab.downloadRequest(api, "standard").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);

        assertThat(request).contains(after.device().serialNumber()).doesNotContain(before.device().serialNumber());
        assertThat(request).contains("removed_instances:").contains(removed.productInstanceId());

        String full = new String(lab.downloadRequest(api, "full").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        assertThat(full).contains(after.device().serialNumber()).contains(before.device().serialNumber());
        assertThat(full).as("a removed instance is no longer in the full list (its removal event still is)")
                .doesNotContainPattern("(?m)^\\s*- id: \"" + removed.productInstanceId() + "\"");
        assertThat(full).containsPattern("(?m)^\\s*- id: \"" + after.productInstanceId() + "\"");
    }

    @Test
    void theRequestFileIsNamedAndHeadedAsOperatorsExpect() {
        var response = lab.downloadRequest(api, "full");
        response.then().statusCode(200).contentType("application/yaml")
                .header("Content-Disposition", matchesPattern(
                        "attachment; filename=\"license-sync-request-[A-Za-z0-9._-]+_\\d{8}-\\d+\\.yml\""));
        String text = response.asString();
        long sequence = Long.parseLong(response.header("X-Sync-Sequence"));
        assertThat(text).contains("kind: sync-request").contains("sequence: " + sequence).contains("type: full")
                .contains("--- # signature\nalgorithm: SHA256withECDSA\n");
    }

    @Test
    void historyAndDueDateFollowTheLastSync() {
        UpstreamEmulator.Answered answered = lab.syncByFile(api, "standard");
        JsonPath status = api.asAdmin().get("/api/v1/sync").then().statusCode(200).extract().jsonPath();
        Instant down = Instant.parse(status.getString("lastSyncDownAt"));
        assertThat(Instant.parse(status.getString("synchronizationDue"))).isEqualTo(down.plus(Duration.ofDays(30)));
        assertThat(status.getLong("acknowledgedSequence")).isEqualTo(answered.sequence());
        assertThat(status.getString("upstream.smartAccount")).isEqualTo(UpstreamLab.SMART_ACCOUNT);

        JsonPath history = api.asAdmin().queryParam("size", 2).get("/api/v1/sync/history").then().statusCode(200)
                .body("items[0].operation", equalTo("RESPONSE_IMPORTED"))
                .body("items[0].result", equalTo("SUCCEEDED"))
                .body("items[0].requestSequence", equalTo((int) answered.sequence()))
                .body("items[1].operation", equalTo("REQUEST_EXPORTED"))
                .body("items[0].actor", equalTo(io.licensesatellite.testing.AdminApi.TEST_CLIENT_ACTOR))
                .extract().jsonPath();
        assertThat(history.getLong("total")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aVirtualAccountAssignedUpstreamTakesNoLicencesByHand() {
        long campus = vaId(UpstreamLab.CAMPUS);
        api.asAdmin().body(Map.of("tag", "local-tag", "quantity", 5, "type", "PERPETUAL"))
                .post("/api/v1/virtual-accounts/" + campus + "/licenses")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("from the upstream"));
    }

    private long vaId(String name) {
        return api.asAdmin().queryParam("name", name).get("/api/v1/virtual-accounts").then().statusCode(200)
                .extract().jsonPath().getLong("items.find { it.name == '" + name + "' }.id");
    }

    private int inUse(long va, String tag) {
        Integer value = api.asAdmin().get("/api/v1/virtual-accounts/" + va + "/compliance").then().statusCode(200)
                .extract().jsonPath().get("find { it.tag == '" + tag + "' }.inUse");
        return value == null ? 0 : value;
    }
}
