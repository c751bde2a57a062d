package io.licensesatellite.usage.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.licensesatellite.agent.slp.LabPolicyDevice;
import io.licensesatellite.agent.slp.SmartlicDevice;
import io.licensesatellite.agent.slp.SmartlicRestServer;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.UsageAcknowledgements;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The satellite pulling a simulated policy device over real HTTPS: reports stored once however often pulled, the
 * upstream's acknowledgement imported once it is recorded, the device's certificate pinned on first contact.
 */
@QuarkusTest
class PullJourneyTest extends SatelliteJourney {
    private static final String DEVICES = "/api/v1/usage/pull-devices";
    private static final String PASSWORD = "device-pass-" + UUID.randomUUID();

    @Inject
    UsageAcknowledgements acknowledgements;

    private final List<SmartlicRestServer> servers = new ArrayList<>();

    @AfterEach
    void stopDevices() {
        servers.forEach(SmartlicRestServer::close);
    }

    private LabPolicyDevice aDevice() {
        return new LabPolicyDevice("C9300-24T", "FOC" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                Map.of("C9300 Network Advantage", 2), TestClock.CLOCK);
    }

    private SmartlicRestServer serve(LabPolicyDevice device) {
        SmartlicRestServer server = SmartlicRestServer.start(device, "satellite", PASSWORD, TestClock.CLOCK, 0);
        servers.add(server);
        return server;
    }

    private long add(int port, Long va) {
        Map<String, Object> body = new HashMap<>();
        body.put("address", "127.0.0.1");
        body.put("port", port);
        body.put("username", "satellite");
        body.put("password", PASSWORD);
        body.put("virtualAccountId", va);
        return api.asAdmin().body(body).post(DEVICES).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private JsonPath pull(long id) {
        return api.asAdmin().post(DEVICES + "/" + id + "/pull").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void reportsAreStoredOnceAndTheAcknowledgementIsImportedOnceItIsRecorded() {
        long va = api.createVirtualAccount("Pull " + UUID.randomUUID());
        LabPolicyDevice device = aDevice();
        SmartlicRestServer server = serve(device);
        long id = add(server.port(), va);
        TestClock.CLOCK.advance(Duration.ofHours(4));

        JsonPath first = pull(id);
        assertThat(first.getString("result")).isEqualTo("OK");
        assertThat(first.getInt("reportsStored")).isEqualTo(1);
        assertThat(first.getString("udi")).isEqualTo(device.udi());
        api.asAdmin().get(DEVICES + "/" + id).then().statusCode(200)
                .body("fingerprint", equalTo(server.fingerprint())).body("lastResult", equalTo("OK"));

        JsonPath second = pull(id);
        assertThat(second.getInt("reportsFetched")).isEqualTo(1);
        assertThat(second.getInt("reportsStored")).isZero();
        assertThat(second.getInt("duplicates")).isEqualTo(1);
        assertThat(second.getInt("acksImported")).isZero();

        long reportId = device.reports().get(0).id();
        acknowledgements.recordAcknowledgement(new DeviceId(device.pid(), device.serial()),
                ("<smartLicense><smartLicenseRumAck><data>{\"report_ids\":[" + reportId + "]}</data></smartLicenseRumAck>"
                        + "</smartLicense>").getBytes(StandardCharsets.UTF_8), List.of(reportId), null, "test upstream");
        assertThat(pull(id).getInt("acksImported")).isEqualTo(1);
        assertThat(device.reports().get(0).state()).isEqualTo("ACK");
        assertThat(pull(id).getInt("acksImported")).isZero();
    }

    @Test
    void everyAcknowledgementNotDeliveredYetIsImportedOldestFirst() {
        LabPolicyDevice device = aDevice();
        long id = add(serve(device).port(), null);
        TestClock.CLOCK.advance(Duration.ofHours(4));
        assertThat(pull(id).getInt("reportsStored")).isEqualTo(1);
        TestClock.CLOCK.advance(Duration.ofHours(4));
        assertThat(pull(id).getInt("reportsStored")).isEqualTo(1);

        // the upstream acknowledged each report on its own: the device needs both acknowledgements
        for (SmartlicDevice.Report report : device.reports()) {
            acknowledgements.recordAcknowledgement(new DeviceId(device.pid(), device.serial()),
                    ("<smartLicense><smartLicenseRumAck><data>{\"report_ids\":[" + report.id() + "]}</data></smartLicenseRumAck>"
                            + "</smartLicense>").getBytes(StandardCharsets.UTF_8), List.of(report.id()), null, "test upstream");
        }
        assertThat(pull(id).getInt("acksImported")).isEqualTo(2);
        assertThat(device.reports()).extracting(SmartlicDevice.Report::state).containsOnly("ACK");
        assertThat(pull(id).getInt("acksImported")).isZero();
    }

    @Test
    void aDeviceShowingAnotherCertificateIsRefusedUntilTheOperatorForgetsThePin() {
        SmartlicRestServer original = serve(aDevice());
        long id = add(original.port(), null);
        TestClock.CLOCK.advance(Duration.ofHours(1));
        assertThat(pull(id).getString("result")).isEqualTo("OK");

        SmartlicRestServer replaced = serve(aDevice());
        api.asAdmin().body(Map.of("port", replaced.port())).put(DEVICES + "/" + id).then().statusCode(200)
                .body("fingerprint", equalTo(original.fingerprint()));
        JsonPath refused = pull(id);
        assertThat(refused.getString("result")).isEqualTo("TLS_FAILED");
        assertThat(refused.getString("error")).contains(replaced.fingerprint());
        assertThat(refused.getInt("reportsFetched")).isZero();

        api.asAdmin().body(Map.of("forgetFingerprint", true)).put(DEVICES + "/" + id).then().statusCode(200);
        assertThat(pull(id).getString("result")).isEqualTo("OK");
        api.asAdmin().get(DEVICES + "/" + id).then().body("fingerprint", equalTo(replaced.fingerprint()));
    }

    @Test
    void aDeviceThatKeepsFailingRaisesAnAlertThatASuccessfulPullClears() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        long id = add(closed, null);
        for (int i = 0; i < 3; i++) {
            assertThat(pull(id).getString("result")).isEqualTo("UNREACHABLE");
        }
        api.asAdmin().get("/api/v1/alerts").then().statusCode(200)
                .body("items.findAll { it.code == 'PULL_DEVICE_FAILING' }.message", hasItem(org.hamcrest.Matchers.containsString(
                        "127.0.0.1:" + closed + " (device " + id + ") failed 3 times in a row, last: UNREACHABLE")));

        SmartlicRestServer healthy = serve(aDevice());
        api.asAdmin().body(Map.of("port", healthy.port())).put(DEVICES + "/" + id).then().statusCode(200);
        assertThat(pull(id).getString("result")).isEqualTo("OK");
        api.asAdmin().get("/api/v1/alerts").then().statusCode(200)
                .body("items.findAll { it.code == 'PULL_DEVICE_FAILING' }.message", not(hasItem(org.hamcrest.Matchers.containsString(
                        "(device " + id + ")"))));
    }

    @Test
    void onlyDevicesWhoseIntervalPassedArePulledByTheScheduledRun() {
        SmartlicRestServer server = serve(aDevice());
        long id = add(server.port(), null);
        TestClock.CLOCK.advance(Duration.ofHours(1));
        assertThat(pull(id).getString("result")).isEqualTo("OK");

        JsonPath notYet = api.asAdmin().post("/api/v1/usage/pull").then().statusCode(200).extract().jsonPath();
        assertThat(notYet.getList("outcomes.deviceId", Long.class)).doesNotContain(id);

        TestClock.CLOCK.advance(Duration.ofDays(1));
        JsonPath due = api.asAdmin().post("/api/v1/usage/pull").then().statusCode(200).extract().jsonPath();
        assertThat(due.getList("outcomes.deviceId", Long.class)).contains(id);
    }
}
