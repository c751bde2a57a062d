package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.Authorization;
import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Deregistration;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentMessages.IdCertificateRenewal;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentMessages.Registration;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.devices.DeviceCommands;
import io.licensesatellite.devices.Udi;
import io.licensesatellite.pki.DeviceSignatures;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("What the simulator builds and signs, the door parses, verifies and answers, in both framings")
class SignedMessageRoundTripTest {
    private final DoorFixture door = new DoorFixture();
    private final DeviceIdentity device = DoorFixture.aDevice("FOC2233X0AB");

    @ParameterizedTest
    @EnumSource(Framing.class)
    void registrationCarriesTheUdiTokenKeyAndDeviceTimeToTheLifeCycle(Framing framing) {
        SmartAgentClient client = door.client(framing);

        AgentReply<Registration> reply = client.register(device, new RegisterRequest(FakeDeviceRequests.TOKEN, false,
                "sw-core-1", "Catalyst 9300", "17.3.1", true, true));

        assertThat(reply).isInstanceOf(AgentReply.Success.class);
        Registration registration = ((AgentReply.Success<Registration>) reply).data();
        assertThat(registration.productInstanceId()).hasSize(36);
        assertThat(registration.signerSerial()).isEqualTo(door.keys.signerSerial());
        assertThat(registration.caCertificatePem()).isEqualTo(door.keys.caCertificatePem());
        assertThat(registration.renewAfter()).isEqualTo(DoorFixture.START.plus(FakeDeviceRequests.ID_RENEWAL));
        assertThat(DeviceSignatures.parseCertificate(registration.idCertificatePem()).getPublicKey().getEncoded())
                .isEqualTo(device.keyPair().getPublic().getEncoded());

        DeviceCommands.Register command = door.requests.lastCommand(DeviceCommands.Register.class);
        assertThat(command.udi()).isEqualTo(new Udi("C9300-24T", "FOC2233X0AB", "6fe83addc80240bc92dc071ac7a37624"));
        assertThat(command.token()).isEqualTo(FakeDeviceRequests.TOKEN);
        assertThat(command.publicKeyDer()).isEqualTo(device.keyPair().getPublic().getEncoded());
        assertThat(command.csrDer()).isNotNull();
        assertThat(command.hostname()).isEqualTo("sw-core-1");
        assertThat(command.productName()).isEqualTo("Catalyst 9300");
        assertThat(command.softwareVersion()).isEqualTo("17.3.1");
        assertThat(command.exportControlledRequested()).isTrue();
        assertThat(command.deviceTime()).isEqualTo(DoorFixture.START);
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void registrationWithABarePublicKeyProvesPossessionByItsSignature(Framing framing) {
        AgentReply<Registration> reply = door.client(framing).register(device,
                new RegisterRequest(FakeDeviceRequests.TOKEN, false, null, null, null, false, false));

        assertThat(reply.succeeded()).isTrue();
        assertThat(door.requests.lastCommand(DeviceCommands.Register.class).csrDer()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void aRegisteredDeviceAuthorisesRenewsItsIdCertificateAndDeregisters(Framing framing) {
        SmartAgentClient client = door.client(framing);
        Credentials credentials = door.registered(client, device);

        AgentReply<Authorization> authorization = client.authorize(credentials,
                List.of(new Entitlement("C9300 Network Advantage", 2), new Entitlement("C9300 DNA Advantage", 1)));
        assertThat(authorization).isInstanceOf(AgentReply.Success.class);
        Authorization granted = ((AgentReply.Success<Authorization>) authorization).data();
        assertThat(granted.status()).isEqualTo("OUT_OF_COMPLIANCE");
        assertThat(granted.entitlements()).extracting(e -> e.tag() + "=" + e.count() + ":" + e.status())
                .containsExactly("C9300 Network Advantage=2:AUTHORIZED", "C9300 DNA Advantage=1:OUT_OF_COMPLIANCE");
        assertThat(granted.renewalIntervalDays()).isEqualTo(30);
        assertThat(door.requests.lastCommand(DeviceCommands.RequestAuthorization.class).entitlements())
                .containsExactly(new DeviceCommands.EntitlementRequest("C9300 Network Advantage", 2),
                        new DeviceCommands.EntitlementRequest("C9300 DNA Advantage", 1));

        KeyPair newKeys = DeviceSignatures.generateEcKeyPair();
        AgentReply<IdCertificateRenewal> renewal = client.renewIdCertificate(credentials, newKeys);
        assertThat(renewal.succeeded()).isTrue();
        String newSerial = ((AgentReply.Success<IdCertificateRenewal>) renewal).data().idCertSerial();
        assertThat(newSerial).isNotEqualTo(credentials.idCertSerial());
        assertThat(door.requests.lastCommand(DeviceCommands.RenewIdCertificate.class).publicKeyDer())
                .isEqualTo(newKeys.getPublic().getEncoded());

        Credentials renewed = new Credentials(new DeviceIdentity(device.pid(), device.serialNumber(), device.uuid(), newKeys),
                credentials.productInstanceId(), newSerial, credentials.signerSerial(), credentials.signerCertificate(),
                credentials.caCertificate());
        AgentReply<Deregistration> deregistration = client.deregister(renewed);
        assertThat(deregistration).isEqualTo(new AgentReply.Success<>(new Deregistration(credentials.productInstanceId())));
        assertThat(door.requests.registeredDevices()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void theReplyIsFramedLikeTheRequest(Framing framing) {
        var transport = door.transport();
        var seen = new java.util.ArrayList<String>();
        SmartAgentClient client = door.client(framing, (contentType, body) -> {
            var response = transport.post(contentType, body);
            seen.add(response.contentType());
            return response;
        });

        client.register(device, RegisterRequest.withToken(FakeDeviceRequests.TOKEN, false));

        assertThat(seen).singleElement().asString()
                .startsWith(framing == Framing.AML ? "application/soap+xml" : "application/json");
    }
}
