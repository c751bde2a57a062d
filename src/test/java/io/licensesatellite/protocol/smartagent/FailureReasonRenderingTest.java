package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.devices.DeviceOutcome.Rejected;
import io.licensesatellite.devices.FailureReason;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Every failure reason reaches the device as its exact status word and message")
class FailureReasonRenderingTest {

    static Stream<Arguments> everyReasonInEveryFraming() {
        return Stream.of(FailureReason.values()).flatMap(reason -> Stream.of(Framing.values())
                .map(framing -> Arguments.of(reason, framing, detailFor(reason))));
    }

    private static String detailFor(FailureReason reason) {
        return switch (reason) {
            case CLOCK_OFFSET -> "1526135268653";
            case NOT_REGISTERED -> "1d8c3a5e-3f7b-4e8e-9a51-2b8f0c6d7e91";
            case INVALID_DATA -> FailureReason.MISSING_ID_CERT_SERIAL + "; " + FailureReason.SIGNED_DATA_CERT_MISMATCH;
            default -> null;
        };
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyReasonInEveryFraming")
    void theReplyCarriesTheReasonVerbatim(FailureReason reason, Framing framing, String detail) {
        DoorFixture door = new DoorFixture();
        door.requests.answerNextWith(() -> new Rejected(reason, detail));

        AgentReply<?> reply = door.client(framing).register(DoorFixture.aDevice("FOC2233X0AB"),
                RegisterRequest.withToken(FakeDeviceRequests.TOKEN, false), null, door.keys.signerCertificate());

        assertThat(reply).isEqualTo(new AgentReply.Failure<>(reason.status(), reason.message(detail), true));
    }
}
