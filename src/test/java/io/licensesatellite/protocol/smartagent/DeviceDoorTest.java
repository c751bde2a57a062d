package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.AgentTls;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.agent.SmartAgentException;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The device door on its own Vert.x HTTPS server")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceDoorTest {
    private final DoorFixture fixture = new DoorFixture();
    private Vertx vertx;
    private DeviceDoor door;
    private URI base;
    private SSLContext trustingTheDoor;
    private HttpClient http;

    @BeforeAll
    void start(@TempDir Path tls) {
        vertx = Vertx.vertx();
        door = new DeviceDoor(vertx, fixture.requests, fixture.keys, DeviceDoorSettings.forTests(tls), fixture.clock);
        door.start();
        base = URI.create("https://localhost:" + door.port());
        trustingTheDoor = AgentTls.trusting(tls.resolve("device.crt"));
        http = HttpClient.newBuilder().sslContext(trustingTheDoor).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    void stop() {
        door.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void aDeviceRegistersAndAuthorisesOverHttps(Framing framing) {
        SmartAgentClient client = SmartAgentClient.overHttps(base, trustingTheDoor, framing, fixture.clock);
        DeviceIdentity device = DoorFixture.aDevice("FDO" + framing);

        Credentials credentials = fixture.registered(client, device);
        AgentReply<?> reply = client.authorize(credentials, List.of(new Entitlement("C9300 Network Advantage", 1)));

        assertThat(reply.succeeded()).isTrue();
    }

    @Test
    void theDoorListensOnAFreePortWhenAskedForPortZero() {
        assertThat(door.port()).isPositive();
        assertThat(door.plainHttpPort()).isEqualTo(OptionalInt.empty());
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() throws Exception {
        SmartAgentClient client = SmartAgentClient.overHttps(base, SSLContext.getDefault(), Framing.JSON, fixture.clock);

        assertThatThrownBy(() -> fixture.registered(client, DoorFixture.aDevice("UNTRUSTING")))
                .isInstanceOfSatisfying(SmartAgentException.class,
                        e -> assertThat(e.kind()).isEqualTo(SmartAgentException.Kind.COMMUNICATION));
    }

    @Test
    void pathsAreCaseSensitive() throws Exception {
        HttpResponse<String> response = post("/transportgateway/services/devicerequesthandler", "application/json", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("/Transportgateway/services/DeviceRequestHandler");
    }

    @Test
    void otherMethodsThanPostAreRefused() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/SmartTransport")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("\"status\":405");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        HttpResponse<String> response = post("/SmartTransport", "application/json", "x".repeat(70 * 1024));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void malformedJsonIsRefusedWith400() throws Exception {
        HttpResponse<String> response = post("/Transportgateway/services/DeviceRequestHandler", "application/json", "{\"a\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid JSON");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void speaksTls12And13(String protocol) throws Exception {
        try (SSLSocket socket = connect(protocol)) {
            assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
        }
    }

    @Test
    void aReturningTls12ClientResumesItsSession() throws Exception {
        byte[] first;
        try (SSLSocket socket = connect("TLSv1.2")) {
            first = socket.getSession().getId();
        }
        try (SSLSocket socket = connect("TLSv1.2")) {
            assertThat(socket.getSession().getId()).isNotEmpty().isEqualTo(first);
        }
    }

    private SSLSocket connect(String protocol) throws Exception {
        SSLSocket socket = (SSLSocket) trustingTheDoor.getSocketFactory().createSocket("localhost", door.port());
        socket.setEnabledProtocols(new String[] {protocol});
        socket.startHandshake();
        return socket;
    }

    @Test
    void aSecondDoorCanServeTheDeprecatedPlainHttpPortToo(@TempDir Path tls) throws Exception {
        DeviceDoorSettings settings = DeviceDoorSettings.forTests(tls);
        DeviceDoorSettings withPlain = new DeviceDoorSettings(settings.host(), 0, true, settings.certificateFile(),
                settings.keyFile(), true, settings.certificateNames(), OptionalInt.of(0), settings.maxBodyBytes(), Duration.ofSeconds(5));
        DeviceDoor both = new DeviceDoor(vertx, fixture.requests, fixture.keys, withPlain, fixture.clock);
        both.start();
        try {
            assertThat(both.plainHttpPort()).isPresent();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + both.plainHttpPort().getAsInt() + "/SmartTransport"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Files.exists(tls.resolve("device.key"))).isTrue();
        } finally {
            both.stop();
        }
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
