package io.licensesatellite.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentMessages.Registration;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@QuarkusTest
class DeviceRegistrationJourneyTest extends SatelliteJourney {
    @ParameterizedTest
    @EnumSource(SmartAgentClient.Framing.class)
    void aDeviceRegistersWithATokenAndGetsAOneYearIdCertificateFromTheSatelliteCa(SmartAgentClient.Framing framing) throws Exception {
        String vaName = "Campus-" + UUID.randomUUID();
        long va = api.createVirtualAccount(vaName);
        api.asAdmin().body(Map.of("name", "Acme Bank")).put("/api/v1/smart-account").then().statusCode(200);
        String token = api.createToken(va, 30, 3, false);
        DeviceIdentity device = Devices.aSwitch();

        Registration r = Devices.success(devices.client(TestClock.CLOCK, framing).register(device, RegisterRequest.withToken(token, false)));

        assertThat(r.virtualAccount()).isEqualTo(vaName);
        assertThat(r.smartAccount()).isEqualTo("Acme Bank");
        X509Certificate id = DeviceSignatures.parseCertificate(r.idCertificatePem());
        X509Certificate ca = DeviceSignatures.parseCertificate(r.caCertificatePem());
        id.verify(ca.getPublicKey());
        assertThat(id.getPublicKey().getEncoded()).isEqualTo(device.keyPair().getPublic().getEncoded());
        assertThat(id.getSubjectX500Principal().getName()).contains("2.5.4.5=").contains("CN=Simulated Smart Agent");
        assertThat(id.getSubjectX500Principal().toString()).contains("SERIALNUMBER=" + r.productInstanceId());
        assertThat(id.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
        assertThat(new BigInteger(r.idCertSerial())).isEqualTo(id.getSerialNumber());
        Duration validity = Duration.between(TestClock.CLOCK.instant(), id.getNotAfter().toInstant());
        assertThat(validity).isBetween(Duration.ofDays(365).minusMinutes(1), Duration.ofDays(365).plusMinutes(1));
        assertThat(r.renewAfter()).isBefore(r.registrationExpires());

        api.asAdmin().get("/api/v1/product-instances/" + r.productInstanceId()).then().statusCode(200)
                .body("instance.state", equalTo("REGISTERED"))
                .body("instance.serialNumber", equalTo(device.serialNumber()))
                .body("idCertificateSerial", equalTo(r.idCertSerial()))
                .body("recentEvents[0].type", equalTo("REGISTERED"));
        api.asAdmin().get("/api/v1/tokens/" + api.tokenId(va, token)).then().body("uses", equalTo(1)).body("usesLeft", equalTo(2));
        api.asAdmin().get("/api/v1/product-instances?serialNumber=" + device.serialNumber()).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(r.productInstanceId()));
    }

    @org.junit.jupiter.api.Test
    void aLongProductNameAndPidStillRegister() {
        long va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        String token = api.createToken(va, 30, 3, false);
        String longPid = "C9300-" + "X".repeat(240);
        DeviceIdentity device = new DeviceIdentity(longPid, "SN" + UUID.randomUUID().toString().substring(0, 8),
                null, DeviceSignatures.generateEcKeyPair());
        RegisterRequest request = new RegisterRequest(token, false, "h".repeat(200), "P".repeat(200), "17.3.1", false, true);
        Registration r = Devices.success(devices.client().register(device, request));
        api.asAdmin().get("/api/v1/product-instances/" + r.productInstanceId()).then().statusCode(200)
                .body("instance.pid", equalTo(longPid));
    }
}
