package io.licensesatellite.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.SmartAgent.LicenseState;
import io.licensesatellite.agent.SmartAgent.NextAction;
import io.licensesatellite.agent.SmartAgent.RegistrationState;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.devices.DeviceOutcome.Rejected;
import io.licensesatellite.devices.FailureReason;
import io.licensesatellite.protocol.smartagent.DoorFixture;
import io.licensesatellite.protocol.smartagent.FakeDeviceRequests;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A simulated device through its life cycle, on a mutable clock")
class SmartAgentLifecycleTest {
    private static final String TAG = "C9300 Network Advantage";

    private final DoorFixture door = new DoorFixture();
    /** Lets a test cut the network between the device and the door. */
    private final AtomicBoolean offline = new AtomicBoolean();
    private final SmartAgentClient client = new SmartAgentClient((contentType, body) -> {
        if (offline.get()) {
            throw new IOException("Connection refused");
        }
        return door.transport().post(contentType, body);
    }, Framing.AML, door.clock);

    @TempDir
    Path stateDir;

    private SmartAgent newDevice() {
        return SmartAgent.loadOrCreate(new AgentStateStore(stateDir), "C9300-24T", "FOC2233X0AB", client, door.clock);
    }

    private Instant now() {
        return door.clock.instant();
    }

    private void advance(Duration by) {
        door.clock.advance(by);
    }

    @Test
    void aNewDeviceIsInEvaluationAndWaitsForAToken() {
        SmartAgent device = newDevice();

        assertThat(device.registrationState(now())).isEqualTo(RegistrationState.UNREGISTERED);
        assertThat(device.licenseState(now())).isEqualTo(LicenseState.EVALUATION);
        assertThat(device.evaluationRemaining(now())).isEqualTo(Duration.ofDays(90));
        assertThat(device.nextAction(now()).kind()).isEqualTo(NextAction.Kind.NONE);
    }

    @Test
    void evaluationIsNinetyDaysOfUseOncePerDevice() {
        SmartAgent device = newDevice();
        advance(Duration.ofDays(30));
        device.register(FakeDeviceRequests.TOKEN, false);
        advance(Duration.ofDays(100));
        device.deregister();
        advance(Duration.ofDays(59));

        assertThat(device.licenseState(now())).isEqualTo(LicenseState.EVALUATION);
        assertThat(device.evaluationRemaining(now())).isEqualTo(Duration.ofDays(1));

        advance(Duration.ofDays(1));
        assertThat(device.licenseState(now())).isEqualTo(LicenseState.EVALUATION_EXPIRED);
    }

    @Test
    void registersAuthorisesAndRenewsOnTheSatellitesDates() {
        SmartAgent device = newDevice();

        assertThat(device.register(FakeDeviceRequests.TOKEN, false).succeeded()).isTrue();
        assertThat(device.licenseState(now())).isEqualTo(LicenseState.REGISTERED);
        assertThat(device.authorize(List.of(new Entitlement(TAG, 2))).succeeded()).isTrue();
        assertThat(device.licenseState(now())).isEqualTo(LicenseState.AUTHORIZED);

        assertThat(device.nextAction(now())).isEqualTo(new NextAction(NextAction.Kind.RENEW_AUTHORIZATION,
                DoorFixture.START.plus(FakeDeviceRequests.RENEWAL_INTERVAL)));
        advance(Duration.ofDays(30));
        assertThat(device.runDue()).hasValueSatisfying(a -> assertThat(a.action()).isEqualTo(NextAction.Kind.RENEW_AUTHORIZATION));
        assertThat(device.nextAction(now()).at()).isEqualTo(DoorFixture.START.plus(Duration.ofDays(60)));
    }

    @Test
    void renewsItsIdCertificateAfterTheRenewAfterDate() {
        SmartAgent device = newDevice();
        device.register(FakeDeviceRequests.TOKEN, false);

        assertThat(device.nextAction(now())).isEqualTo(new NextAction(NextAction.Kind.RENEW_ID_CERTIFICATE,
                DoorFixture.START.plus(FakeDeviceRequests.ID_RENEWAL)));
        advance(FakeDeviceRequests.ID_RENEWAL);
        assertThat(device.runDue()).hasValueSatisfying(a -> assertThat(a.succeeded()).isTrue());
        assertThat(device.nextAction(now()).at()).isEqualTo(now().plus(FakeDeviceRequests.ID_RENEWAL));
    }

    @Test
    void anUnrenewedRegistrationExpiresAndTheDeviceFallsBackToEvaluation() {
        SmartAgent device = newDevice();
        device.register(FakeDeviceRequests.TOKEN, false);
        offline.set(true);

        advance(Duration.ofDays(366));

        assertThat(device.registrationState(now())).isEqualTo(RegistrationState.REGISTRATION_EXPIRED);
        assertThat(device.licenseState(now())).isEqualTo(LicenseState.EVALUATION);
        assertThat(device.evaluationRemaining(now())).isEqualTo(Duration.ofDays(89));
        assertThat(device.nextAction(now()).kind()).isEqualTo(NextAction.Kind.NONE);
    }

    @Nested
    @DisplayName("when the satellite cannot be reached")
    class Unreachable {
        @Test
        void registrationIsRetriedEvery15MinutesForFourHoursThenHourly() {
            SmartAgent device = newDevice();
            offline.set(true);
            assertThat(device.register(FakeDeviceRequests.TOKEN, false).status()).isEqualTo("COMMUNICATION_FAILURE");
            assertThat(device.registrationState(now())).isEqualTo(RegistrationState.REGISTERING);

            Instant last = now();
            for (int retry = 1; retry <= 18; retry++) {
                NextAction next = device.nextAction(now());
                assertThat(next.kind()).isEqualTo(NextAction.Kind.REGISTER);
                assertThat(Duration.between(last, next.at())).isEqualTo(retry <= 16 ? Duration.ofMinutes(15) : Duration.ofHours(1));
                door.clock.set(next.at());
                assertThat(device.runDue()).isPresent();
                last = next.at();
            }

            offline.set(false);
            door.clock.set(device.nextAction(now()).at());
            assertThat(device.runDue()).hasValueSatisfying(a -> assertThat(a.succeeded()).isTrue());
            assertThat(device.registrationState(now())).isEqualTo(RegistrationState.REGISTERED);
        }

        @Test
        void anAuthorisedDeviceRetriesEvery23HoursThenHourlyOnceExpired() {
            SmartAgent device = newDevice();
            device.register(FakeDeviceRequests.TOKEN, false);
            device.authorize(List.of(new Entitlement(TAG, 1)));
            offline.set(true);

            door.clock.set(device.nextAction(now()).at());
            device.runDue();
            assertThat(device.nextAction(now()).at()).isEqualTo(now().plus(Duration.ofHours(23)));

            door.clock.set(DoorFixture.START.plus(FakeDeviceRequests.AUTHORIZATION_VALIDITY));
            assertThat(device.licenseState(now())).isEqualTo(LicenseState.AUTHORIZATION_EXPIRED);
            device.runDue();
            assertThat(device.nextAction(now())).isEqualTo(new NextAction(NextAction.Kind.RENEW_AUTHORIZATION, now().plus(Duration.ofHours(1))));
        }
    }

    @Test
    void anOutOfComplianceDeviceRetriesEvery15MinutesForTwoHoursThenEveryFourHours() {
        SmartAgent device = newDevice();
        device.register(FakeDeviceRequests.TOKEN, false);
        device.authorize(List.of(new Entitlement(TAG, 50)));
        assertThat(device.licenseState(now())).isEqualTo(LicenseState.OUT_OF_COMPLIANCE);

        Instant since = now();
        for (int i = 1; i <= 10; i++) {
            NextAction next = device.nextAction(now());
            assertThat(Duration.between(now(), next.at())).isEqualTo(i <= 8 ? Duration.ofMinutes(15) : Duration.ofHours(4));
            door.clock.set(next.at());
            device.runDue();
        }
        assertThat(device.licenseState(now())).isEqualTo(LicenseState.OUT_OF_COMPLIANCE);
        assertThat(Duration.between(since, now())).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void aRefusedRegistrationIsNotRetried() {
        SmartAgent device = newDevice();

        SmartAgent.Attempt attempt = device.register("not-a-token", false);

        assertThat(attempt.status()).isEqualTo("FAILED");
        assertThat(attempt.message()).isEqualTo("The ID token is not valid");
        assertThat(device.nextAction(now()).kind()).isEqualTo(NextAction.Kind.NONE);
        assertThat(device.registrationState(now())).isEqualTo(RegistrationState.UNREGISTERED);
    }

    @Test
    void aTryAgainAnswerIsRetriedOnTheRegistrationTimer() {
        SmartAgent device = newDevice();
        door.requests.answerNextWith(() -> new Rejected(FailureReason.TRY_AGAIN, null));

        assertThat(device.register(FakeDeviceRequests.TOKEN, false).status()).isEqualTo("OK_TRY_AGAIN");
        assertThat(device.nextAction(now())).isEqualTo(new NextAction(NextAction.Kind.REGISTER, now().plus(Duration.ofMinutes(15))));
    }

    @Test
    void separateRunsActAsTheSameDevice() {
        SmartAgent first = newDevice();
        first.register(FakeDeviceRequests.TOKEN, false);
        first.authorize(List.of(new Entitlement(TAG, 1)));

        SmartAgent again = SmartAgent.load(new AgentStateStore(stateDir), "FOC2233X0AB", client, door.clock).orElseThrow();

        assertThat(again.productInstanceId()).isEqualTo(first.productInstanceId());
        assertThat(again.udi()).isEqualTo(first.udi());
        assertThat(again.licenseState(now())).isEqualTo(LicenseState.AUTHORIZED);
        assertThat(again.nextAction(now())).isEqualTo(first.nextAction(now()));
        assertThat(again.renewAuthorization().succeeded()).isTrue();
        assertThat(again.deregister().succeeded()).isTrue();
        assertThat(door.requests.registeredDevices()).isZero();
    }

    @Test
    void reRegistrationNeedsForce() {
        SmartAgent device = newDevice();
        device.register(FakeDeviceRequests.TOKEN, false);

        assertThat(device.register(FakeDeviceRequests.TOKEN, false).message()).isEqualTo("Product Already Registered");
        assertThat(device.register(FakeDeviceRequests.TOKEN, true).succeeded()).isTrue();
    }
}
