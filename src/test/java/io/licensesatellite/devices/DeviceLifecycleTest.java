package io.licensesatellite.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Time moves by days and years through the injectable clock; the life cycle is run as the scheduler would. */
@QuarkusTest
class DeviceLifecycleTest extends SatelliteJourney {
    @Inject
    DeviceLifecycle lifecycle;

    long va;
    String token;

    @BeforeEach
    void setUp() {
        va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        api.addLicense(va, "Network Advantage", 2, null);
        token = api.createToken(va, 365, 10, false);
    }

    @Test
    void aDeviceSilentFor90DaysExpiresAndItsLicencesReturnToThePool() {
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        Devices.success(client.authorize(device, List.of(new Entitlement("Network Advantage", 2))));

        TestClock.CLOCK.advance(Duration.ofDays(89));
        lifecycle.apply(TestClock.CLOCK.instant());
        state(device, "AUTHORIZED");

        TestClock.CLOCK.advance(Duration.ofDays(1).plusSeconds(1));
        lifecycle.apply(TestClock.CLOCK.instant());
        state(device, "AUTHORIZATION EXPIRED");
        assertThat(balance()).isEqualTo(2);

        // The device comes back: it authorises again and takes its licences.
        assertThat(Devices.success(client.authorize(device, List.of(new Entitlement("Network Advantage", 2)))).status())
                .isEqualTo("AUTHORIZED");
        state(device, "AUTHORIZED");
        assertThat(balance()).isZero();
    }

    @Test
    void renewingOnlyTheIdCertificateDoesNotKeepTheAuthorisationAlive() {
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        Devices.success(client.authorize(device, List.of(new Entitlement("Network Advantage", 2))));
        TestClock.CLOCK.advance(Duration.ofDays(60));
        Devices.success(client.renewIdCertificate(device, null));
        TestClock.CLOCK.advance(Duration.ofDays(31));
        lifecycle.apply(TestClock.CLOCK.instant());
        state(device, "AUTHORIZATION EXPIRED");
        assertThat(balance()).isEqualTo(2);
    }

    @Test
    void aDeviceThatRenewsEvery30DaysNeverExpires() {
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        for (int month = 0; month < 5; month++) {
            Devices.success(client.authorize(device, List.of(new Entitlement("Network Advantage", 1))));
            TestClock.CLOCK.advance(Duration.ofDays(30));
            lifecycle.apply(TestClock.CLOCK.instant());
        }
        state(device, "AUTHORIZED");
    }

    @Test
    void anInstanceWhoseIdCertificateIsNotRenewedForAYearIsRemoved() {
        Credentials renewing = Devices.registered(client, Devices.aSwitch(), token);
        Credentials silent = Devices.registered(client, Devices.aSwitch(), token);
        Devices.success(client.authorize(silent, List.of(new Entitlement("Network Advantage", 1))));

        TestClock.CLOCK.advance(Duration.ofDays(182));
        var renewed = Devices.success(client.renewIdCertificate(renewing, null));
        TestClock.CLOCK.advance(Duration.ofDays(184));
        lifecycle.apply(TestClock.CLOCK.instant());

        api.asAdmin().get("/api/v1/product-instances/" + silent.productInstanceId()).then().statusCode(404);
        api.asAdmin().get("/api/v1/product-instances/" + renewing.productInstanceId()).then().statusCode(200)
                .body("idCertificateSerial", equalTo(renewed.idCertSerial()));
        assertThat(balance()).isEqualTo(2);
    }

    private void state(Credentials device, String state) {
        api.asAdmin().get("/api/v1/product-instances/" + device.productInstanceId()).then().statusCode(200)
                .body("instance.state", equalTo(state));
    }

    private int balance() {
        return api.asAdmin().get("/api/v1/virtual-accounts/" + va + "/compliance").then().extract().jsonPath()
                .getInt("find { it.tag == 'Network Advantage' }.balance");
    }
}
