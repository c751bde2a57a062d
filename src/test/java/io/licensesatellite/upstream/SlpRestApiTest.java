package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.sync.file.slp.Policy;
import io.licensesatellite.sync.file.slp.SlpDocuments;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendor-shaped usage REST API (OAuth, reportusage, poll, authrequest) over the emulator's mutual TLS. */
class SlpRestApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path state;
    final MutableClock clock = MutableClock.startingNow();
    UpstreamEmulator emulator;
    UpstreamServer server;
    SSLContext tls;
    UpstreamEmulator.OAuthClient client;

    @BeforeEach
    void start() {
        emulator = UpstreamFixtures.anEmulator(state, clock);
        server = emulator.serve("127.0.0.1", 0);
        tls = PlayedSatellite.registered(emulator, clock, "Campus").clientTls(emulator.caCertificate());
        client = emulator.createOAuthClient(UpstreamFixtures.SMART_ACCOUNT, null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theRightSecretGetsABearerTokenValidForAnHour() throws Exception {
        HttpResponse<String> response = token(client.clientId(), client.clientSecret());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3599);
        assertThat(body.get("access_token").asText()).isNotBlank();
    }

    @Test
    void aWrongSecretIsRefusedAsAnInvalidClient() throws Exception {
        HttpResponse<String> response = token(client.clientId(), client.clientSecret() + "x");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = accessToken();
        clock.advance(Duration.ofSeconds(3600));

        HttpResponse<String> response = api("v2/devices/reportusage", token, "Campus", usage("FOC1", 1001));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("invalid_token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
        assertThat(emulator.slp().ledger().reports()).isEmpty();
    }

    @Test
    void reportedUsageIsPolledUntilCompleteAndThenCarriesASignedAcknowledgementWithThePolicy() throws Exception {
        String token = accessToken();

        HttpResponse<String> reported = api("v2/devices/reportusage", token, "Campus", usage("FOC1", 1001, 1002));

        assertThat(reported.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(reported.body());
        assertThat(accepted.get("status").asText()).isEqualTo("OK_POLL");
        assertThat(accepted.get("action").asText()).isEqualTo("acknowledgements");
        assertThat(accepted.get("poll_interval").asInt()).isEqualTo(300);
        long pollId = accepted.get("poll_id").asLong();

        JsonNode first = JSON.readTree(api("v2/accounts/poll", token, null, poll(pollId)).body());
        assertThat(first.get("status").asText()).isEqualTo("OK_POLL");
        JsonNode second = JSON.readTree(api("v2/accounts/poll", token, null, poll(pollId)).body());
        assertThat(second.get("status").asText()).isEqualTo("COMPLETE");
        JsonNode ack = second.get("data").get("acknowledgements").get(0);
        assertThat(ack.get("sudi").get("udi_serial_number").asText()).isEqualTo("FOC1");
        assertThat(ack.get("software_tag_identifier").asText()).isEqualTo(RumReports.TAG);

        var verified = SlpDocuments.verifyAcknowledgement(Base64.getDecoder().decode(ack.get("smart_license").asText()),
                emulator.caCertificate(), clock.instant());
        assertThat(verified.data().acknowledgedReportIds()).containsExactly(1001L, 1002L);
        assertThat(SlpDocuments.JSON.readValue(verified.policyJson(), Policy.class)).isEqualTo(Policy.ciscoDefault());
        assertThat(emulator.slp().ledger().reports()).extracting(SlpLedger.ReportReceived::reportId).containsExactly(1001L, 1002L);
        assertThat(emulator.show(null, 0)).contains("PID:C9300-24T,SN:FOC1: 2 report(s)");
    }

    @Test
    void aVirtualAccountWithACustomPolicyGetsItInItsAcknowledgements() throws Exception {
        Policy custom = new Policy("SLE Policy", true, new Policy.Terms(365, 90, 90), new Policy.Terms(90, 90, 90),
                new Policy.Terms(0, 0, 0), new Policy.Terms(0, 0, 0), new Policy.Terms(0, 0, 0), new Policy.Terms(0, 0, 0));
        emulator.slp().setPolicy(UpstreamFixtures.SMART_ACCOUNT, "Campus", custom);
        emulator.slp().options(new SlpUpstream.Options(0, 0));
        String token = accessToken();
        long pollId = JSON.readTree(api("v2/devices/reportusage", token, "Campus", usage("FOC1", 7)).body()).get("poll_id").asLong();

        JsonNode complete = JSON.readTree(api("v2/accounts/poll", token, null, poll(pollId)).body());

        String document = complete.get("data").get("acknowledgements").get(0).get("smart_license").asText();
        var verified = SlpDocuments.verifyAcknowledgement(Base64.getDecoder().decode(document), emulator.caCertificate(), clock.instant());
        assertThat(SlpDocuments.JSON.readValue(verified.policyJson(), Policy.class)).isEqualTo(custom);
    }

    @Test
    void aReportSentAgainIsRefusedAsADuplicate() throws Exception {
        String token = accessToken();
        api("v2/devices/reportusage", token, "Campus", usage("FOC1", 1001));

        HttpResponse<String> again = api("v2/devices/reportusage", token, "Campus", usage("FOC1", 1001));

        JsonNode body = JSON.readTree(again.body());
        assertThat(body.get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("message").asText()).contains("Duplicate").contains("1001 of PID:C9300-24T,SN:FOC1");
        assertThat(emulator.slp().ledger().reports()).hasSize(1);
    }

    @Test
    void anotherSmartAccountThanTheClientsIsForbidden() throws Exception {
        HttpResponse<String> response = send("v2/devices/reportusage", accessToken(), "Other Corp", "Campus",
                usage("FOC1", 1));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void anAuthorisationRequestIsAnsweredWithCodesWhereTheVaHoldsTheLicences() throws Exception {
        emulator.slp().options(new SlpUpstream.Options(0, 0));
        String token = accessToken();
        ObjectNode body = JSON.createObjectNode();
        var licenses = body.putObject("data").put("timestamp", 1).put("nonce", "n").putArray("licenses");
        ObjectNode granted = licenses.addObject().put("hostname", "sw-1").put("correlation_id", "req-1");
        granted.putObject("sudi").put("udi_pid", "C9300-24T").put("udi_serial_number", "FOC1");
        granted.putArray("keys").addObject().put("entitlement", UpstreamFixtures.NETWORK_ADVANTAGE).put("count", 2);
        ObjectNode refused = licenses.addObject().put("correlation_id", "req-2");
        refused.putObject("sudi").put("udi_pid", "C9300-24T").put("udi_serial_number", "FOC2");
        refused.putArray("keys").addObject().put("entitlement", UpstreamFixtures.NEXUS_ESSENTIALS).put("count", 1);

        JsonNode accepted = JSON.readTree(api("v2/devices/authrequest", token, "Campus", body.toString()).body());
        assertThat(accepted.get("action").asText()).isEqualTo("authorizations");
        JsonNode complete = JSON.readTree(api("v2/accounts/poll", token, null, poll(accepted.get("poll_id").asLong())).body());

        JsonNode first = complete.get("data").get("authorizations").get(0);
        assertThat(first.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(first.get("correlation_id").asText()).isEqualTo("req-1");
        var code = SlpDocuments.verifyAuthorization(Base64.getDecoder().decode(first.get("smart_license").asText()),
                emulator.caCertificate(), clock.instant());
        assertThat(code.data().authorizations()).singleElement().satisfies(c -> {
            assertThat(c.entitlement()).isEqualTo(UpstreamFixtures.NETWORK_ADVANTAGE);
            assertThat(c.authorizationCode()).startsWith("SLAC-");
        });
        JsonNode second = complete.get("data").get("authorizations").get(1);
        assertThat(second.get("status").asText()).isEqualTo("FAILED");
        assertThat(second.get("error_code").asText()).isEqualTo("INSUFFICIENT_LICENSES");
        assertThat(second.get("smart_license").isNull()).isTrue();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private String accessToken() throws Exception {
        return JSON.readTree(token(client.clientId(), client.clientSecret()).body()).get("access_token").asText();
    }

    private HttpResponse<String> token(String id, String secret) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return http().send(HttpRequest.newBuilder(URI.create(base() + "/as/token.oauth2"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String path, String token, String va, String body) throws IOException, InterruptedException {
        return send(path, token, UpstreamFixtures.SMART_ACCOUNT, va, body);
    }

    private HttpResponse<String> send(String path, String token, String sa, String va, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + SlpRoutes.API + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("X-CSW-SMART-ACCOUNT-ID", sa)
                .header("X-CSW-REQUESTING-SYSTEM", "{\"udi_pid\":\"LICENSE-SATELLITE\",\"udi_serial_number\":\"lab\"}")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (va != null) {
            request.header("X-CSW-VIRTUAL-ACCOUNT-ID", va);
        }
        return http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String usage(String serial, long... reportIds) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode data = body.putObject("data").put("timestamp", 1700000000000L).put("nonce", "42");
        ObjectNode report = data.putArray("reports").addObject();
        report.putObject("sudi").put("udi_pid", "C9300-24T").put("udi_serial_number", serial);
        var usage = report.putArray("usage");
        for (long id : reportIds) {
            ObjectNode one = usage.addObject().put("payload", RumReports.payload("C9300-24T", serial, id));
            try {
                one.set("signature", JSON.readTree(RumReports.signature()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return body.toString();
    }

    private static String poll(long pollId) {
        return "{\"data\":{\"timestamp\":1,\"nonce\":\"1\",\"poll_id\":" + pollId + ",\"action\":\"acknowledgements\"}}";
    }

    private HttpClient http() {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30)).build();
    }

    private String base() {
        return "https://127.0.0.1:" + server.port();
    }
}
