package io.licensesatellite.protocol.cslu;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.slp.SlpDevice;
import io.licensesatellite.agent.slp.SlpIdentity;
import io.licensesatellite.agent.slp.SlpPushClient;
import io.licensesatellite.devices.DeviceRequests;
import io.licensesatellite.pki.SatelliteKeys;
import io.licensesatellite.protocol.smartagent.DeviceDoor;
import io.licensesatellite.protocol.smartagent.DeviceDoorSettings;
import io.licensesatellite.testing.InsecureTls;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.UsageAcknowledgements;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated policy device pushes to the running satellite over HTTPS and polls until its ACK is there. */
@QuarkusTest
class PushDoorJourneyTest extends SatelliteJourney {
    static final String TAG = "regid.2016-11.com.cisco.DNA_NWStack,1.0_e7244e71-3ad5-4608-8bf0-d12f67c80896";

    @Inject
    UsageAcknowledgements acknowledgements;
    @Inject
    Vertx vertx;
    @Inject
    DeviceRequests requests;
    @Inject
    SatelliteKeys keys;
    @Inject
    CsluPushRoutes csluRoutes;

    SlpDevice aDevice() {
        String serial = "FDO" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        SlpDevice device = new SlpDevice(SlpIdentity.aSwitch(serial), SlpDevice.simulatorKey(serial), TestClock.CLOCK);
        device.use(TAG, 3);
        return device;
    }

    URI pushUrl(int port, String scheme, String va) {
        return URI.create(scheme + "://localhost:" + port + "/cslu/v1/pi/" + URLEncoder.encode(va, StandardCharsets.UTF_8).replace("+", "%20") + "-1");
    }

    @Test
    void aDevicePushesItsUsageAndGetsItsAckOnceTheUpstreamAcknowledged() throws Exception {
        String va = "Push Lab " + UUID.randomUUID();
        api.createVirtualAccount(va);
        SlpDevice device = aDevice();
        TestClock.CLOCK.advance(Duration.ofHours(2));
        device.measure();
        SlpPushClient client = new SlpPushClient(pushUrl(door.port(), "https", va), InsecureTls.context(), TestClock.CLOCK);

        SlpPushClient.PushResult pushed = client.push(device);
        assertThat(pushed.status()).isEqualTo("OK_POLL");
        assertThat(pushed.body().path("results").path(0).path("outcome").asText()).isEqualTo("STORED");
        assertThat(client.poll(device, pushed.pollId()).status()).isEqualTo("OK_POLL");

        // pushing again (the device did not get an ACK yet) is answered the same: stored once
        assertThat(client.push(device).body().path("results").path(0).path("outcome").asText()).isEqualTo("DUPLICATE");

        byte[] ack = ("{\"report_ids\":[" + device.unacknowledged().get(0).reportId() + "],\"signature\":\"opaque\"}")
                .getBytes(StandardCharsets.UTF_8);
        DeviceId id = new DeviceId(device.identity().pid(), device.identity().serialNumber());
        acknowledgements.recordAcknowledgement(id, ack, List.of(device.unacknowledged().get(0).reportId()), null, "test upstream");

        SlpPushClient.PollResult done = client.poll(device, pushed.pollId());
        assertThat(done.status()).isEqualTo("COMPLETE");
        assertThat(done.ack()).isEqualTo(ack);
        assertThat(device.unacknowledged()).isEmpty();
        assertThat(device.status(Duration.ofDays(30))).anySatisfy(l -> assertThat(l).startsWith("  Last ACK received: 2"));
    }

    @Test
    void aPollHandsOutEveryAcknowledgementNotDeliveredYetOldestFirst() throws Exception {
        String va = "Push Acks " + UUID.randomUUID();
        api.createVirtualAccount(va);
        SlpDevice device = aDevice();
        SlpPushClient client = new SlpPushClient(pushUrl(door.port(), "https", va), InsecureTls.context(), TestClock.CLOCK);
        TestClock.CLOCK.advance(Duration.ofHours(2));
        device.measure();
        client.push(device);
        TestClock.CLOCK.advance(Duration.ofHours(2));
        device.measure();
        long pollId = client.push(device).pollId();
        List<Long> reportIds = device.unacknowledged().stream().map(r -> r.reportId()).toList();
        assertThat(reportIds).hasSize(2);

        // the upstream acknowledged each push on its own
        DeviceId id = new DeviceId(device.identity().pid(), device.identity().serialNumber());
        for (long reportId : reportIds) {
            acknowledgements.recordAcknowledgement(id, ("{\"report_ids\":[" + reportId + "]}").getBytes(StandardCharsets.UTF_8),
                    List.of(reportId), null, "test upstream");
        }

        SlpPushClient.PollResult done = client.poll(device, pollId);
        assertThat(done.status()).isEqualTo("COMPLETE");
        assertThat(done.acks()).extracting(a -> new String(a, StandardCharsets.UTF_8))
                .containsExactly("{\"report_ids\":[" + reportIds.get(0) + "]}", "{\"report_ids\":[" + reportIds.get(1) + "]}");
        assertThat(device.unacknowledged()).isEmpty();
        // a poll again (the answer was lost) gets the latest, which the device already holds
        assertThat(client.poll(device, pollId).acks()).hasSize(1);
    }

    @Test
    void aBacklogLargerThanOneReportsBoundIsTakenInOnePush() throws Exception {
        // a device cut off for weeks sends everything it kept at once: far more than the 256 KiB one report may have
        String va = "Backlog " + UUID.randomUUID();
        api.createVirtualAccount(va);
        SlpDevice device = aDevice();
        for (int t = 0; t < 40; t++) {
            device.use(TAG.replace("DNA_NWStack", "Backlog_" + t), t + 1);
        }
        TestClock.CLOCK.advance(Duration.ofHours(2));
        for (int i = 0; i < 8; i++) {
            device.measure();
        }
        int bodyBytes = device.unacknowledged().stream().mapToInt(r -> r.wrapperJson().length()).sum();
        assertThat(bodyBytes).isGreaterThan(256 * 1024);
        SlpPushClient client = new SlpPushClient(pushUrl(door.port(), "https", va), InsecureTls.context(), TestClock.CLOCK);

        SlpPushClient.PushResult pushed = client.push(device);

        assertThat(pushed.status()).isEqualTo("OK_POLL");
        assertThat(pushed.body().path("results")).hasSize(device.unacknowledged().size());
        pushed.body().path("results").forEach(r -> assertThat(r.path("outcome").asText()).isEqualTo("STORED"));
        long stored = api.asAdmin().queryParam("pid", device.identity().pid())
                .queryParam("serial", device.identity().serialNumber()).queryParam("size", 1)
                .get("/api/v1/usage/reports").then().statusCode(200).extract().jsonPath().getLong("total");
        assertThat(stored).isEqualTo(device.unacknowledged().size());
    }

    @Test
    void aPollForAnotherDevicesPushIsNotAnswered() throws Exception {
        SlpDevice device = aDevice();
        TestClock.CLOCK.advance(Duration.ofHours(2));
        device.measure();
        URI url = URI.create("https://localhost:" + door.port() + "/cslu/v1/pi");
        SlpPushClient client = new SlpPushClient(url, InsecureTls.context(), TestClock.CLOCK);
        long pollId = client.push(device).pollId();
        assertThat(client.poll(aDevice(), pollId).status()).isEqualTo("FAILED");
    }

    @Test
    void aMalformedPushGetsAPreciseProblem() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(InsecureTls.context()).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + door.port() + "/cslu/v1/pi"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"reports\":{}}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("problems/malformed", "data.reports: an array is expected");

        String deep = "{\"data\":{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}}";
        HttpResponse<String> tooDeep = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + door.port() + "/cslu/v1/pi"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(deep)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooDeep.statusCode()).isEqualTo(400);
        assertThat(tooDeep.body()).contains("allowed bounds");
    }

    @Test
    void trustEstablishmentIsRefusedWithTheReasonAndHelloIsAnswered() throws Exception {
        SlpPushClient client = new SlpPushClient(URI.create("https://localhost:" + door.port() + "/cslu/v1/pi"),
                InsecureTls.context(), TestClock.CLOCK);
        assertThat(client.hello().path("status").asText()).isEqualTo("OK");
        HttpResponse<String> trust = HttpClient.newBuilder().sslContext(InsecureTls.context()).build().send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + door.port() + "/cslu/v1/pi"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"trust_requests\":[]}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(trust.body()).contains("\"status\":\"FAILED\"", "cannot issue the vendor");
    }

    @Test
    void plainHttpIsServedOnlyWhereTheOperatorEnabledIt(@TempDir Path tls) throws Exception {
        SlpDevice device = aDevice();
        TestClock.CLOCK.advance(Duration.ofHours(2));
        device.measure();
        // the test satellite has no plain-HTTP port: its HTTPS port does not speak plain HTTP
        SlpPushClient plainToTls = new SlpPushClient(URI.create("http://localhost:" + door.port() + "/cslu/v1/pi"), null, TestClock.CLOCK);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plainToTls.push(device)).isInstanceOf(java.io.IOException.class);

        DeviceDoorSettings s = DeviceDoorSettings.forTests(tls);
        DeviceDoorSettings withPlain = new DeviceDoorSettings(s.host(), 0, true, s.certificateFile(), s.keyFile(), true,
                s.certificateNames(), OptionalInt.of(0), s.maxBodyBytes(), Duration.ofSeconds(5));
        DeviceDoor both = new DeviceDoor(vertx, requests, keys, withPlain, TestClock.CLOCK, List.of(csluRoutes));
        both.start();
        try {
            SlpPushClient plain = new SlpPushClient(URI.create("http://localhost:" + both.plainHttpPort().getAsInt() + "/cslu/v1/pi"),
                    null, TestClock.CLOCK);
            assertThat(plain.push(device).status()).isEqualTo("OK_POLL");
        } finally {
            both.stop();
        }
    }
}
