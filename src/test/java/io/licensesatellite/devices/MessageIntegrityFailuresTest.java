package io.licensesatellite.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After registration every message must be signed with the device's key and name the right certificates. */
@QuarkusTest
class MessageIntegrityFailuresTest extends SatelliteJourney {
    Credentials device;
    long va;

    @BeforeEach
    void setUp() {
        va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        api.addLicense(va, "DNA Advantage", 5, null);
        device = Devices.registered(client, Devices.aSwitch(), api.createToken(va, 30, 5, false));
    }

    @Test
    void aRenewalSignedWithAnotherKeyIsDataAndSignatureDoNotMatch() {
        DeviceIdentity impostor = new DeviceIdentity(device.device().pid(), device.device().serialNumber(),
                device.device().uuid(), DeviceSignatures.generateEcKeyPair());
        Credentials forged = new Credentials(impostor, device.productInstanceId(), device.idCertSerial(),
                device.signerSerial(), device.signerCertificate(), device.caCertificate());
        AgentReply.Failure<?> refused = Devices.failure(client.authorize(forged, List.of(new Entitlement("DNA Advantage", 1))));
        assertThat(refused.failureReason()).isEqualTo("Data and Signature do not Match");
        assertThat(refused.authenticated()).isTrue();
        assertThat(inUse()).isZero();
    }

    @Test
    void aRegisteredDeviceClaimingAnotherUdiIsInvalidData() {
        DeviceIdentity otherUdi = new DeviceIdentity(device.device().pid(), "FOC-NOT-MINE", device.device().uuid(),
                device.device().keyPair());
        Credentials claimingAnother = new Credentials(otherUdi, device.productInstanceId(), device.idCertSerial(),
                device.signerSerial(), device.signerCertificate(), device.caCertificate());
        AgentReply.Failure<?> refused = Devices.failure(client.authorize(claimingAnother, List.of(new Entitlement("DNA Advantage", 1))));
        assertThat(refused.status()).isEqualTo("LS_INVALID_DATA");
        assertThat(refused.failureReason()).isEqualTo("Udi does not match the registered product instance");
        assertThat(inUse()).isZero();
    }

    @Test
    void missingCertificateSerialFieldsAreInvalidData() {
        Credentials bare = new Credentials(device.device(), device.productInstanceId(), null, null,
                device.signerCertificate(), device.caCertificate());
        AgentReply.Failure<?> refused = Devices.failure(client.authorize(bare, List.of(new Entitlement("DNA Advantage", 1))));
        assertThat(refused.status()).isEqualTo("LS_INVALID_DATA");
        assertThat(refused.failureReason()).isEqualTo("Missing Id Cert Serial Number Field; Missing Signing Cert Serial Number Field");
        assertThat(inUse()).isZero();
    }

    @Test
    void aSigningCertificateTheSatelliteNeverIssuedIsSignedDataAndCertificateDoesNotMatch() {
        Credentials wrongSigner = new Credentials(device.device(), device.productInstanceId(), device.idCertSerial(),
                "123456789", device.signerCertificate(), device.caCertificate());
        AgentReply.Failure<?> refused = Devices.failure(client.authorize(wrongSigner, List.of(new Entitlement("DNA Advantage", 1))));
        assertThat(refused.status()).isEqualTo("LS_INVALID_DATA");
        assertThat(refused.failureReason()).isEqualTo("Signed Data and Certificate does not Match");
    }

    @Test
    void anIdCertificateRenewalWithTheRightKeyIssuesANewCertificateThatSignsFromThenOn() {
        var renewed = Devices.success(client.renewIdCertificate(device, null));
        assertThat(renewed.idCertSerial()).isNotEqualTo(device.idCertSerial());
        Credentials after = new Credentials(device.device(), device.productInstanceId(), renewed.idCertSerial(),
                device.signerSerial(), device.signerCertificate(), device.caCertificate());
        assertThat(Devices.success(client.authorize(after, List.of(new Entitlement("DNA Advantage", 1)))).status()).isEqualTo("AUTHORIZED");
        AgentReply.Failure<?> stale = Devices.failure(client.authorize(device, List.of(new Entitlement("DNA Advantage", 1))));
        assertThat(stale.failureReason()).contains("Please re-register the instance.");
    }

    private int inUse() {
        return api.asAdmin().get("/api/v1/virtual-accounts/" + va + "/compliance").then().extract().jsonPath()
                .getInt("find { it.tag == 'DNA Advantage' }.inUse");
    }
}
