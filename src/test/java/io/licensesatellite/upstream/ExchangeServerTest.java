package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.sync.file.SyncResponseFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The online exchange over mutual TLS. The clock is the real time here: TLS checks certificates against it. */
class ExchangeServerTest {
    @TempDir
    Path state;
    final MutableClock clock = MutableClock.startingNow();
    UpstreamEmulator emulator;
    UpstreamServer server;

    @BeforeEach
    void start() {
        emulator = UpstreamFixtures.anEmulator(state, clock);
        server = emulator.serve("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSatelliteWithItsIssuedCertificateExchangesARequestForAResponse() throws Exception {
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        byte[] request = satellite.full(1, null);

        HttpResponse<byte[]> response = post(satellite.clientTls(emulator.caCertificate()), request, "application/yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/yaml");
        SyncResponseFile answer = PlayedSatellite.FILES.readResponse(response.body(), signer -> { }).file();
        assertThat(answer.header().inReplyToSequence()).isEqualTo(1);
        assertThat(answer.header().requestDigest()).isEqualTo(Digests.sha256Hex(request));
        assertThat(answer.licenses().complete()).isTrue();
        assertThat(emulator.satellite(satellite.id).orElseThrow().report().sequence()).isEqualTo(1);
    }

    @Test
    void aClientWithoutACertificateIsRefusedInTheHandshake() {
        SSLContext noCertificate = PlayedSatellite.clientTls(null, null, emulator.caCertificate());

        assertThatThrownBy(() -> post(noCertificate, "x".getBytes(), "application/yaml")).isInstanceOf(IOException.class);
    }

    @Test
    void aClientCertificateOfAnotherCaIsRefusedInTheHandshake() {
        var keys = PlayedSatellite.newKeyPair();
        var foreign = PlayedSatellite.selfSigned(keys, "CN=somebody", clock.instant());

        assertThatThrownBy(() -> post(PlayedSatellite.clientTls(keys.getPrivate(), foreign, emulator.caCertificate()),
                "x".getBytes(), "application/yaml")).isInstanceOf(IOException.class);
    }

    @Test
    void aRequestOfAnotherSatelliteThanTheClientCertificateIsForbidden() throws Exception {
        PlayedSatellite client = PlayedSatellite.registered(emulator, clock, "Campus");
        PlayedSatellite other = PlayedSatellite.registered(emulator, clock, "Lab");

        HttpResponse<byte[]> response = post(client.clientTls(emulator.caCertificate()), other.full(1, null), "application/yaml");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo(EmulatorError.SATELLITE_MISMATCH.problemType());
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("detail").asText()).isEqualTo("the TLS client certificate is satellite " + client.id
                + "'s but the request is from satellite " + other.id);
        assertThat(emulator.satellite(other.id).orElseThrow().report()).isNull();
    }

    @Test
    void aRefusedFileGetsItsReasonAsProblemJson() throws Exception {
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");

        HttpResponse<byte[]> response = post(satellite.clientTls(emulator.caCertificate()), "not: signed\n".getBytes(),
                "application/yaml");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo(EmulatorError.MALFORMED.problemType());
        assertThat(problem.get("detail").asText()).startsWith("sync request refused (not signed)");
    }

    @Test
    void anotherContentTypeIsRefused() throws Exception {
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");

        HttpResponse<byte[]> response = post(satellite.clientTls(emulator.caCertificate()), satellite.full(1, null),
                "application/json");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void healthAnswers200() throws Exception {
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        HttpClient client = HttpClient.newBuilder().sslContext(satellite.clientTls(emulator.caCertificate())).build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port()
                + UpstreamServer.HEALTH_PATH)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.exchangeUrl()).isEqualTo(URI.create("https://127.0.0.1:" + server.port() + "/sync/v1/exchange"));
    }

    private HttpResponse<byte[]> post(SSLContext tls, byte[] body, String contentType) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30)).build();
        return client.send(HttpRequest.newBuilder(server.exchangeUrl()).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
