package io.licensesatellite.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentMessages.Registration;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each refusal carries its exact reason and changes nothing: no instance, no token use. */
@QuarkusTest
class RegistrationFailuresTest extends SatelliteJourney {
    long va;

    @BeforeEach
    void setUp() {
        va = api.createVirtualAccount("VA-" + UUID.randomUUID());
    }

    @Test
    void aKnownUdiWithoutForceIsAlreadyRegisteredAndWithForceIsReplaced() {
        String token = api.createToken(va, 30, 10, false);
        DeviceIdentity device = Devices.aSwitch();
        Credentials first = Devices.registered(client, device, token);

        AgentReply.Failure<?> again = Devices.failure(client.register(device, RegisterRequest.withToken(token, false)));
        assertThat(again.status()).isEqualTo("FAILED");
        assertThat(again.failureReason()).isEqualTo("Product Already Registered");
        api.asAdmin().get("/api/v1/tokens/" + api.tokenId(va, token)).then().body("uses", equalTo(1));

        Registration replaced = Devices.success(client.register(device, RegisterRequest.withToken(token, true)));
        assertThat(replaced.productInstanceId()).isNotEqualTo(first.productInstanceId());
        api.asAdmin().get("/api/v1/product-instances/" + first.productInstanceId()).then().statusCode(404);
        api.asAdmin().get("/api/v1/product-instances/" + replaced.productInstanceId()).then().statusCode(200)
                .body("recentEvents.type", org.hamcrest.Matchers.hasItems("REGISTERED", "REREGISTERED"));
    }

    @Test
    void anUnknownTokenIsRefused() {
        assertRefused(Devices.aSwitch(), "not-a-token-" + UUID.randomUUID(), "The ID token is not valid");
    }

    @Test
    void aRevokedTokenIsRefused() {
        String token = api.createToken(va, 30, 10, false);
        api.asAdmin().delete("/api/v1/tokens/" + api.tokenId(va, token)).then().statusCode(200);
        assertRefused(Devices.aSwitch(), token, "The ID token has been revoked");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = api.createToken(va, 1, 10, false);
        TestClock.CLOCK.advance(Duration.ofDays(1).plusSeconds(1));
        assertRefused(Devices.aSwitch(), token, "The ID token has expired");
    }

    @Test
    void aTokenPastItsUsesIsRefused() {
        String token = api.createToken(va, 30, 1, false);
        Devices.registered(client, Devices.aSwitch(), token);
        assertRefused(Devices.aSwitch(), token, "The ID token has reached its maximum number of uses");
        api.asAdmin().get("/api/v1/tokens/" + api.tokenId(va, token)).then().body("uses", equalTo(1)).body("status", equalTo("USED_UP"));
    }

    @Test
    void devicesRacingForATokensLastUsesNeverOverspendIt() throws Exception {
        String token = api.createToken(va, 30, 3, false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<AgentReply<Registration>>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                DeviceIdentity device = Devices.aSwitch();
                replies.add(pool.submit(() -> client.register(device, RegisterRequest.withToken(token, false))));
            }
            int registered = 0;
            for (var reply : replies) {
                AgentReply<Registration> r = reply.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (r.succeeded()) {
                    registered++;
                } else {
                    assertThat(((AgentReply.Failure<?>) r).failureReason()).isIn(
                            "The ID token has reached its maximum number of uses",
                            "Your request could not be processed right now. Please try again");
                }
            }
            assertThat(registered).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        api.asAdmin().get("/api/v1/tokens/" + api.tokenId(va, token)).then().body("uses", equalTo(3));
        api.asAdmin().get("/api/v1/product-instances?virtualAccountId=" + va).then().body("total", equalTo(3));
    }

    @Test
    void aDeviceClockBeyondToleranceIsRefusedWithTheDeviceDate() {
        String token = api.createToken(va, 30, 10, false);
        Clock stale = Clock.fixed(Instant.ofEpochMilli(1526135268653L), ZoneOffset.UTC);
        DeviceIdentity device = Devices.aSwitch();
        AgentReply.Failure<?> refused = Devices.failure(devices.client(stale, SmartAgentClient.Framing.AML)
                .register(device, RegisterRequest.withToken(token, false)));
        assertThat(refused.failureReason()).isEqualTo(
                "{\"timestamp\":[\"The device date '1526135268653' is offset beyond the allowed tolerance limit.\"]}");
        assertNothingChanged(device, token);
    }

    @Test
    void exportControlledFunctionalityNeedsATokenThatAllowsIt() {
        String token = api.createToken(va, 30, 10, false);
        DeviceIdentity device = Devices.aSwitch();
        RegisterRequest wantsExport = new RegisterRequest(token, false, "sw1", "C9300", "17.3.1", true, true);
        AgentReply.Failure<?> refused = Devices.failure(client.register(device, wantsExport));
        assertThat(refused.failureReason()).contains("Export-controlled");
        assertNothingChanged(device, token);

        String exportToken = api.createToken(va, 30, 10, true);
        Registration r = Devices.success(client.register(device, new RegisterRequest(exportToken, false, "sw1", "C9300", "17.3.1", true, true)));
        assertThat(r.exportControlledAllowed()).isTrue();
    }

    private void assertRefused(DeviceIdentity device, String token, String reason) {
        AgentReply.Failure<?> refused = Devices.failure(client.register(device, RegisterRequest.withToken(token, false)));
        assertThat(refused.status()).isEqualTo("FAILED");
        assertThat(refused.failureReason()).isEqualTo(reason);
        api.asAdmin().get("/api/v1/product-instances?serialNumber=" + device.serialNumber()).then().body("total", equalTo(0));
    }

    private void assertNothingChanged(DeviceIdentity device, String token) {
        api.asAdmin().get("/api/v1/product-instances?serialNumber=" + device.serialNumber()).then().body("total", equalTo(0));
        api.asAdmin().get("/api/v1/tokens/" + api.tokenId(va, token)).then().body("uses", equalTo(0));
    }
}
