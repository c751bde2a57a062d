package io.licensesatellite.usage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.licensesatellite.agent.slp.SlpDevice;
import io.licensesatellite.agent.slp.SlpIdentity;
import io.licensesatellite.testing.DatabaseFingerprint;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.UsageAcknowledgements;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Files a device saved go up through the admin API; the ACK file comes back down for license smart import. */
@QuarkusTest
class UsageFilesApiTest extends SatelliteJourney {
    static final String TAG = "regid.2016-11.com.cisco.DNA_NWStack,1.0_e7244e71-3ad5-4608-8bf0-d12f67c80896";

    @Inject
    UsageAcknowledgements acknowledgements;
    @Inject
    DataSource dataSource;

    SlpDevice aDeviceWithUsage() {
        String serial = "FXS" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        SlpDevice device = new SlpDevice(SlpIdentity.aSwitch(serial), SlpDevice.simulatorKey(serial), TestClock.CLOCK);
        device.use(TAG, 4);
        device.use("regid.2018-01.com.cisco.other", 1);
        TestClock.CLOCK.advance(Duration.ofHours(2));
        device.measure();
        return device;
    }

    Response upload(String xml) {
        return api.asAdmin().contentType("application/xml").body(xml.getBytes(StandardCharsets.UTF_8)).post("/api/v1/usage/files");
    }

    @Test
    void aSavedUsageFileIsStoredAndItsAckFileImportsOnTheDevice() {
        SlpDevice device = aDeviceWithUsage();
        String file = device.usageFile();
        upload(file).then().statusCode(200).body("reportsStored", equalTo(2)).body("duplicates", equalTo(0))
                .body("devices[0].serialNumber", equalTo(device.identity().serialNumber()))
                // all or nothing: refusals are a problem answer, never part of a 200
                .body("$", not(hasKey("refused")));
        upload(file).then().statusCode(200).body("reportsStored", equalTo(0)).body("duplicates", equalTo(2));

        api.asAdmin().queryParam("pid", device.identity().pid()).queryParam("serial", device.identity().serialNumber())
                .get("/api/v1/usage/ack-file").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://license-satellite.io/problems/usage-ack-not-ready"));

        byte[] ack = "{\"ack\":\"from the upstream\"}".getBytes(StandardCharsets.UTF_8);
        acknowledgements.recordAcknowledgement(new DeviceId(device.identity().pid(), device.identity().serialNumber()), ack,
                device.unacknowledged().stream().map(r -> r.reportId()).toList(), null, "test upstream");
        Response download = api.asAdmin().queryParam("pid", device.identity().pid()).queryParam("serial", device.identity().serialNumber())
                .get("/api/v1/usage/ack-file");
        download.then().statusCode(200).contentType("application/xml")
                .header("Content-Disposition", "attachment; filename=\"ACK_C9300-24T_" + device.identity().serialNumber() + ".xml\"");
        assertThat(device.importFile(download.asString())).isEqualTo("Import Data Successful");
        assertThat(device.lastAck()).isEqualTo(ack);
        assertThat(device.unacknowledged()).isEmpty();

        api.asAdmin().queryParam("serial", device.identity().serialNumber()).get("/api/v1/usage/reports").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].state", equalTo("ACKNOWLEDGED"));
        api.asAdmin().queryParam("serial", device.identity().serialNumber()).get("/api/v1/usage/devices").then().statusCode(200)
                .body("items[0].reportsAcknowledged", equalTo(2));
    }

    @Test
    void eachAckFileDownloadHandsOutTheOldestAcknowledgementNotDeliveredYet() {
        SlpDevice device = aDeviceWithUsage();
        upload(device.usageFile()).then().statusCode(200);
        DeviceId id = new DeviceId(device.identity().pid(), device.identity().serialNumber());
        // the upstream acknowledged the device's two reports in two acknowledgements
        List<Long> reportIds = device.unacknowledged().stream().map(r -> r.reportId()).toList();
        for (long reportId : reportIds) {
            acknowledgements.recordAcknowledgement(id, ("{\"report_ids\":[" + reportId + "]}").getBytes(StandardCharsets.UTF_8),
                    List.of(reportId), null, "test upstream");
        }

        Response first = ackFile(device);
        first.then().statusCode(200).header("X-Usage-Acks-Remaining", "1");
        assertThat(device.importFile(first.asString())).isEqualTo("Import Data Successful");
        assertThat(device.unacknowledged()).extracting(r -> r.reportId()).containsExactly(reportIds.get(1));
        Response second = ackFile(device);
        second.then().statusCode(200).header("X-Usage-Acks-Remaining", "0");
        assertThat(device.importFile(second.asString())).isEqualTo("Import Data Successful");
        assertThat(device.unacknowledged()).isEmpty();
        // all delivered: the latest again
        assertThat(ackFile(device).asString()).isEqualTo(second.asString());
    }

    private Response ackFile(SlpDevice device) {
        return api.asAdmin().queryParam("pid", device.identity().pid()).queryParam("serial", device.identity().serialNumber())
                .get("/api/v1/usage/ack-file");
    }

    @Test
    void readingUsageNeedsCredentials() {
        api.anonymous().get("/api/v1/usage/reports").then().statusCode(401);
    }

    static List<Object[]> hostileFiles() {
        String serial = "FXH" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        SlpDevice device = new SlpDevice(SlpIdentity.aSwitch(serial), SlpDevice.simulatorKey(serial), TestClock.CLOCK);
        device.use(TAG, 1);
        device.measure();
        String good = device.usageFile();
        String otherSystem = good.replace("\"udi_serial_number\":\"" + serial + "\"}," + "\"timestamp\"",
                "\"udi_serial_number\":\"SOMEONE-ELSE\"},\"timestamp\"");
        return List.of(
                new Object[] {"XXE", "<?xml version=\"1.0\"?><!DOCTYPE smartLicense [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                        + "<smartLicense><RUMReport>&xxe;</RUMReport></smartLicense>", 422, "usage-file-forbidden-xml"},
                new Object[] {"billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                        + "<smartLicense><RUMReport>&lol2;</RUMReport></smartLicense>", 422, "usage-file-forbidden-xml"},
                new Object[] {"deep nesting", "<smartLicense>" + "<a>".repeat(50) + "</a>".repeat(50) + "</smartLicense>", 422, "usage-file-unparseable"},
                new Object[] {"huge CDATA", "<smartLicense><RUMReport><![CDATA[" + "x".repeat(300_000) + "]]></RUMReport></smartLicense>", 422,
                        "usage-report-out-of-bounds"},
                new Object[] {"not XML", "{\"this\":\"is json\"}", 422, "usage-file-unparseable"},
                // the JDK's StAX parser fails on this one with MissingResourceException rather than XMLStreamException
                new Object[] {"invalid character in a DTD", "<?xml version=\"1.0\"?><!DOCTYPE smartLicense [<!ENTIT\u0019 x \"y\">]>"
                        + "<smartLicense><RUMReport>&x;</RUMReport></smartLicense>", 422, "usage-file-unparseable"},
                new Object[] {"other root", "<notSmartLicense/>", 422, "usage-file-invalid"},
                new Object[] {"bad JSON", "<smartLicense><RUMReport><![CDATA[{\"payload\":]]></RUMReport></smartLicense>", 422, "usage-report-not-json"},
                new Object[] {"wrong identity", otherSystem, 422, "usage-report-identity-mismatch"},
                new Object[] {"negative count", good.replace("\\\"value\\\":\\\"1\\\"", "\\\"value\\\":\\\"-1\\\""), 422, "usage-report-bad-count"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void aHostileFileGetsItsOwnProblemAndChangesNothing(String name, String xml, int status, String type) {
        // the admin's first call sets the admin up: done before the fingerprint, or a fresh satellite changes anyway
        api.asAdmin().get("/api/v1/usage/reports?size=1").then().statusCode(200);
        String before = DatabaseFingerprint.of(dataSource);
        upload(xml).then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("https://license-satellite.io/problems/" + type));
        assertThat(DatabaseFingerprint.of(dataSource)).as("database after the refusal").isEqualTo(before);
    }
}
