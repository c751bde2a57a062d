package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Messages that cannot be parsed at all get an HTTP problem, not a signed reply")
class UnparseableMessagesTest {
    private final DoorFixture door = new DoorFixture();

    private DoorReply post(String contentType, String body) {
        return door.handler.handle(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode problem(DoorReply reply) {
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = WireJson.readObject(reply.body(), "problem");
        assertThat(problem.get("status").asInt()).isEqualTo(reply.status());
        assertThat(problem.get("type").asText()).startsWith("https://license-satellite.io/problems/");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(reply.bodyText()).doesNotContain("Exception", "com.fasterxml", "io.licensesatellite", "\tat ");
        return problem;
    }

    /** A real signed request, captured on its way to the door, for tests that alter it. */
    private String capturedJsonRequest() {
        List<String> captured = new ArrayList<>();
        door.client(Framing.JSON, (contentType, body) -> {
            captured.add(new String(body, StandardCharsets.UTF_8));
            var reply = door.handler.handle(contentType, body);
            return new io.licensesatellite.agent.AgentTransport.Response(reply.status(), reply.contentType(), reply.body());
        }).register(DoorFixture.aDevice("FOC2233X0AB"), RegisterRequest.withToken(FakeDeviceRequests.TOKEN, false));
        return captured.get(0);
    }

    @Nested
    @DisplayName("hostile XML")
    class HostileXml {
        @Test
        void anExternalEntityIsRefusedWithoutBeingResolved() {
            String xxe = """
                    <?xml version="1.0"?>
                    <!DOCTYPE soap-env:Envelope [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                    <soap-env:Envelope xmlns:soap-env="http://www.w3.org/2003/05/soap-envelope"><soap-env:Body>&xxe;</soap-env:Body></soap-env:Envelope>
                    """;

            DoorReply reply = post("application/soap+xml", xxe);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).contains("document type declarations are not allowed");
            assertThat(reply.bodyText()).doesNotContain("root:");
        }

        @Test
        void entityExpansionIsRefused() {
            String laughs = """
                    <?xml version="1.0"?>
                    <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                    <soap-env:Envelope xmlns:soap-env="http://www.w3.org/2003/05/soap-envelope">&lol2;</soap-env:Envelope>
                    """;

            DoorReply reply = post("text/xml", laughs);

            assertThat(reply.status()).isEqualTo(400);
            problem(reply);
        }

        @Test
        void anUndeclaredEntityWithoutADtdIsRefused() {
            DoorReply reply = post("application/xml",
                    "<soap-env:Envelope xmlns:soap-env=\"http://www.w3.org/2003/05/soap-envelope\">&xxe;</soap-env:Envelope>");

            assertThat(reply.status()).isEqualTo(400);
            problem(reply);
        }

        @Test
        void notWellFormedXmlNamesTheLocation() {
            DoorReply reply = post("application/soap+xml", "<soap-env:Envelope");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).startsWith("AML envelope: not well-formed XML");
        }
    }

    @Nested
    @DisplayName("bad JSON")
    class BadJson {
        @Test
        void duplicateKeysAreRefused() {
            DoorReply reply = post("application/json",
                    "{\"signature\":{\"type\":\"SHA-256\",\"value\":\"AA==\"},\"request\":\"{}\",\"request\":\"{}\"}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).contains("Duplicate field 'request'");
        }

        @Test
        void duplicateKeysInsideTheSignedRequestAreRefused() {
            String signed = capturedJsonRequest();
            String duplicated = signed.replace("\\\"locale\\\":", "\\\"version\\\":\\\"1.1\\\",\\\"locale\\\":");

            DoorReply reply = post("application/json", duplicated);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).startsWith("request: not valid JSON").contains("Duplicate field 'version'");
        }

        @Test
        void malformedJsonIsRefused() {
            DoorReply reply = post("application/json", "{\"signature\": {\"type\": \"SHA-256\",");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).startsWith("signed message: not valid JSON");
        }

        @Test
        void trailingContentIsRefused() {
            DoorReply reply = post("application/json", capturedJsonRequest() + "{}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).contains("unexpected content after the JSON value");
        }

        @Test
        void nestingBeyondTheLimitIsRefused() {
            String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);

            DoorReply reply = post("application/json", deep);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).contains("nesting depth");
        }

        @Test
        void invalidUtf8IsRefused() {
            DoorReply reply = door.handler.handle("application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).isEqualTo("body: not valid UTF-8");
        }
    }

    @Nested
    @DisplayName("missing or mistyped header fields")
    class HeaderFields {
        @Test
        void aMissingRequestTypeIsNamed() {
            String request = capturedJsonRequest().replace("\\\"request_type\\\":\\\"REGISTER\\\",", "");

            DoorReply reply = post("application/json", request);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).isEqualTo("request.header.request_type: required");
        }

        @Test
        void anUnknownRequestTypeIsNamed() {
            String request = capturedJsonRequest().replace("\\\"REGISTER\\\"", "\\\"THIRD_PARTY_KEY\\\"");

            DoorReply reply = post("application/json", request);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).startsWith("request.header.request_type:");
        }

        @Test
        void aTimestampThatIsNotANumberIsNamed() {
            String signed = capturedJsonRequest();
            String request = signed.replaceFirst("\\\\\"timestamp\\\\\":(\\d+)", "\\\\\"timestamp\\\\\":\\\\\"$1\\\\\"");

            DoorReply reply = post("application/json", request);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).isEqualTo("request.header.timestamp: an integer (epoch milliseconds) is expected");
        }

        @Test
        void aMissingSignatureIsNamed() {
            DoorReply reply = post("application/json", "{\"credential\":null,\"request\":\"{}\"}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).startsWith("signature:");
        }

        @Test
        void aSignatureThatIsNotBase64IsNamed() {
            DoorReply reply = post("application/json", "{\"signature\":{\"type\":\"SHA-256\",\"value\":\"%%%\"},\"request\":\"{}\"}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(problem(reply).get("detail").asText()).isEqualTo("signature.value: not valid base64");
        }
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        byte[] body = new byte[(int) DoorFixture.MAX_BODY_BYTES + 1];

        DoorReply reply = door.handler.handle("application/json", body);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(problem(reply).get("detail").asText()).isEqualTo("The body is larger than the 65536 bytes accepted.");
    }

    @Test
    void anUnsupportedContentTypeIsRefused() {
        DoorReply reply = post("text/plain", capturedJsonRequest());

        assertThat(reply.status()).isEqualTo(415);
        problem(reply);
    }

    @Test
    void aMissingContentTypeIsRefused() {
        DoorReply reply = door.handler.handle(null, capturedJsonRequest().getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(415);
    }

    @Test
    void jsonInAnotherCharsetIsRefused() {
        assertThat(post("application/json; charset=ISO-8859-1", capturedJsonRequest()).status()).isEqualTo(415);
        assertThat(post("Application/JSON; charset=\"UTF-8\"", capturedJsonRequest()).status()).isEqualTo(200);
    }
}
