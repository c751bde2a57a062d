package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.agent.SmartAgentException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A life-cycle call that throws is an internal error: HTTP 500 with a generic problem")
class UnexpectedFaultTest {

    @Test
    void theDeviceSeesAGenericProblemAndNoInternals() {
        DoorFixture door = new DoorFixture();
        door.requests.answerNextWith(() -> {
            throw new IllegalStateException("connection pool exhausted at jdbc:h2:/secret/path");
        });
        var seen = new java.util.ArrayList<DoorReply>();
        var client = door.client(Framing.JSON, (contentType, body) -> {
            DoorReply reply = door.handler.handle(contentType, body);
            seen.add(reply);
            return new io.licensesatellite.agent.AgentTransport.Response(reply.status(), reply.contentType(), reply.body());
        });

        assertThatThrownBy(() -> client.register(DoorFixture.aDevice("FOC2233X0AB"),
                RegisterRequest.withToken(FakeDeviceRequests.TOKEN, false)))
                .isInstanceOfSatisfying(SmartAgentException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SmartAgentException.Kind.HTTP_ERROR);
                    assertThat(e.httpStatus()).isEqualTo(500);
                });
        assertThat(seen).singleElement().satisfies(reply -> {
            assertThat(reply.contentType()).isEqualTo("application/problem+json");
            assertThat(reply.bodyText()).contains("\"detail\":\"The request could not be processed.\"")
                    .doesNotContain("pool", "jdbc", "IllegalStateException");
        });
    }
}
