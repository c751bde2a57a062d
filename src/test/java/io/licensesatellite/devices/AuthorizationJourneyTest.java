package io.licensesatellite.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.agent.AgentMessages.Authorization;
import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthorizationJourneyTest extends SatelliteJourney {
    static final String ESSENTIALS = "C9500 Network Essentials";
    static final String ESSENTIALS_32C = "C9500 32C NW Essentials";

    long va;
    String token;

    @BeforeEach
    void setUp() {
        va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        api.addLicense(va, ESSENTIALS, 3, null);
        api.addLicense(va, ESSENTIALS_32C, 2, ESSENTIALS);
        token = api.createToken(va, 30, 50, false);
    }

    @Test
    void aDeviceWithinThePoolIsAuthorizedFor90DaysRenewingEvery30() {
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        Authorization a = Devices.success(client.authorize(device, List.of(new Entitlement(ESSENTIALS_32C, 2))));
        assertThat(a.status()).isEqualTo("AUTHORIZED");
        assertThat(a.entitlements()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo("AUTHORIZED");
            assertThat(e.borrowed()).isZero();
        });
        assertThat(Duration.between(TestClock.CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), a.authorizationExpires())).isEqualTo(Duration.ofDays(90));
        assertThat(a.renewalIntervalDays()).isEqualTo(30);
        assertThat(row(ESSENTIALS_32C).getInt("inUse")).isEqualTo(2);
        assertThat(row(ESSENTIALS_32C).getInt("balance")).isZero();
        api.asAdmin().get("/api/v1/product-instances/" + device.productInstanceId()).then()
                .body("instance.state", equalTo("AUTHORIZED"))
                .body("licenses[0].tag", equalTo(ESSENTIALS_32C)).body("licenses[0].requested", equalTo(2));
    }

    @Test
    void aShortModelSpecificTagBorrowsFromTheHigherTierAndStaysCompliant() {
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        Authorization a = Devices.success(client.authorize(device, List.of(new Entitlement(ESSENTIALS_32C, 4))));
        assertThat(a.status()).isEqualTo("AUTHORIZED");
        assertThat(a.entitlements().get(0).borrowed()).isEqualTo(2);
        assertThat(a.entitlements().get(0).borrowedFrom()).isEqualTo(ESSENTIALS);
        assertThat(row(ESSENTIALS_32C).getInt("borrowedFromHigherTier")).isEqualTo(2);
        assertThat(row(ESSENTIALS).getInt("lentToLowerTiers")).isEqualTo(2);
        assertThat(row(ESSENTIALS).getInt("balance")).isEqualTo(1);
    }

    @Test
    void beyondEveryTierTheDeviceIsOutOfComplianceAndTheBalanceGoesNegative() {
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        Authorization a = Devices.success(client.authorize(device, List.of(new Entitlement(ESSENTIALS_32C, 7))));
        assertThat(a.status()).isEqualTo("OUT_OF_COMPLIANCE");
        assertThat(a.entitlements().get(0).status()).isEqualTo("OUT_OF_COMPLIANCE");
        assertThat(row(ESSENTIALS_32C).getInt("balance")).isEqualTo(-2);
        assertThat(row(ESSENTIALS_32C).getBoolean("inCompliance")).isFalse();
        api.asAdmin().get("/api/v1/product-instances/" + device.productInstanceId()).then()
                .body("instance.state", equalTo("OUT OF COMPLIANCE"))
                .body("licenses[0].requested", equalTo(7)).body("licenses[0].coveredExactly", equalTo(2))
                .body("licenses[0].borrowed", equalTo(3)).body("licenses[0].shortfall", equalTo(2));
    }

    @Test
    void aRenewalReplacesWhatTheDeviceHeldInsteadOfAddingToIt() {
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        Devices.success(client.authorize(device, List.of(new Entitlement(ESSENTIALS, 2))));
        Devices.success(client.authorize(device, List.of(new Entitlement(ESSENTIALS, 2))));
        assertThat(row(ESSENTIALS).getInt("inUse")).isEqualTo(2);
        Devices.success(client.authorize(device, List.of(new Entitlement(ESSENTIALS, 1))));
        assertThat(row(ESSENTIALS).getInt("inUse")).isEqualTo(1);
    }

    @Test
    void twoDevicesCannotBothTakeTheLastLicence() {
        Credentials a = Devices.registered(client, Devices.aSwitch(), token);
        Credentials b = Devices.registered(client, Devices.aSwitch(), token);
        Devices.success(client.authorize(a, List.of(new Entitlement(ESSENTIALS, 2))));
        Authorization second = Devices.success(client.authorize(b, List.of(new Entitlement(ESSENTIALS, 2))));
        assertThat(second.status()).isEqualTo("OUT_OF_COMPLIANCE");
        assertThat(row(ESSENTIALS).getInt("balance")).isEqualTo(-1);
    }

    @Test
    void deregistrationReleasesEverythingTheDeviceHeld() {
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        Devices.success(client.authorize(device, List.of(new Entitlement(ESSENTIALS_32C, 4))));
        Devices.success(client.deregister(device));
        assertThat(row(ESSENTIALS_32C).getInt("inUse")).isZero();
        assertThat(row(ESSENTIALS).getInt("inUse")).isZero();
        assertThat(row(ESSENTIALS).getInt("balance")).isEqualTo(3);
        api.asAdmin().get("/api/v1/product-instances/" + device.productInstanceId()).then().statusCode(404);
        assertThat(Devices.failure(client.authorize(device, List.of(new Entitlement(ESSENTIALS, 1)))).failureReason())
                .contains("is not valid.Please re-register the instance.");
    }

    @Test
    void anOperatorCanRemoveAnInstanceAndItsLicencesReturn() {
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        Devices.success(client.authorize(device, List.of(new Entitlement(ESSENTIALS, 3))));
        api.asAdmin().delete("/api/v1/product-instances/" + device.productInstanceId()).then().statusCode(204);
        assertThat(row(ESSENTIALS).getInt("balance")).isEqualTo(3);
    }

    private JsonPath row(String tag) {
        List<Map<String, Object>> rows = api.asAdmin().get("/api/v1/virtual-accounts/" + va + "/compliance")
                .then().statusCode(200).extract().jsonPath().getList("");
        Map<String, Object> row = rows.stream().filter(r -> tag.equals(r.get("tag"))).findFirst().orElseThrow();
        return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(row).toString());
    }
}
