package io.licensesatellite.usage.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.licensesatellite.testing.DatabaseFingerprint;
import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The operator's list of pulled devices: what is accepted, what is refused and why, and what is never shown. */
@QuarkusTest
class PullDevicesApiTest extends SatelliteJourney {
    private static final String DEVICES = "/api/v1/usage/pull-devices";

    @Inject
    DataSource dataSource;

    private static Map<String, Object> device(String address, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("address", address);
        body.put("username", "satellite");
        body.put("password", password);
        return body;
    }

    private static String someSubnet() {
        int b = Math.floorMod(UUID.randomUUID().hashCode(), 250) + 1;
        int c = Math.floorMod(UUID.randomUUID().hashCode(), 250) + 1;
        return "10." + b + "." + c + ".";
    }

    @Test
    void aDeviceIsAddedWithSafeDefaultsAndItsPasswordIsNeverShownAndSealedAtRest() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String address = someSubnet() + "7";
        String body = api.asAdmin().body(device(address, password)).post(DEVICES)
                .then().statusCode(201).body("port", equalTo(443)).body("scheme", equalTo("https"))
                .body("tlsMode", equalTo("PINNED")).body("enabled", equalTo(true))
                .extract().asString();
        assertThat(body).doesNotContain(password).doesNotContain("password");
        long id = JsonPath.from(body).getLong("id");

        String listed = api.asAdmin().queryParam("size", 500).get(DEVICES).then().statusCode(200)
                .body("items.address", hasItems(address)).extract().asString();
        assertThat(listed).doesNotContain(password);
        assertThat(api.asAdmin().get(DEVICES + "/" + id).then().statusCode(200).extract().asString()).doesNotContain(password);

        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select password_sealed from usage_pull_device where id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).startsWith("v1:").doesNotContain(password);
            }
        }
    }

    @Test
    void theSameAddressAndPortTwiceIsAConflict() {
        String address = someSubnet() + "9";
        api.asAdmin().body(device(address, "one")).post(DEVICES).then().statusCode(201);
        String before = DatabaseFingerprint.of(dataSource);
        api.asAdmin().body(device(address, "two")).post(DEVICES).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://license-satellite.io/problems/pull-device-exists"));
        assertThat(DatabaseFingerprint.of(dataSource)).isEqualTo(before);
    }

    @Test
    void everyFieldAtFaultIsListedAndNothingIsAdded() {
        Map<String, Object> body = device("https://10.0.0.1/", null);
        body.put("port", 70000);
        body.put("tlsMode", "trust-me");
        body.put("virtualAccountId", 987654321);
        String before = DatabaseFingerprint.of(dataSource);
        api.asAdmin().body(body).post(DEVICES).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://license-satellite.io/problems/validation"))
                .body("errors.field", hasItems("address", "port", "password", "tlsMode", "virtualAccountId"));
        assertThat(DatabaseFingerprint.of(dataSource)).isEqualTo(before);
    }

    @Test
    void aCaModeDeviceNeedsACertificateAndInsecureOnesCarryAWarning() {
        Map<String, Object> ca = device(someSubnet() + "3", "pw");
        ca.put("tlsMode", "ca");
        api.asAdmin().body(ca).post(DEVICES).then().statusCode(400).body("errors.field", hasItems("caPem"));
        ca.put("caPem", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        api.asAdmin().body(ca).post(DEVICES).then().statusCode(400).body("errors[0].message", containsString("PEM"));

        Map<String, Object> insecure = device(someSubnet() + "4", "pw");
        insecure.put("tlsMode", "insecure");
        api.asAdmin().body(insecure).post(DEVICES).then().statusCode(201)
                .body("tlsMode", equalTo("INSECURE")).body("warning", containsString("not verified"));
    }

    @Test
    void aRangeAddsEveryHostOfItsBlockAndSkipsAddressesAlreadyThere() {
        String subnet = someSubnet();
        Map<String, Object> first = device(null, "shared");
        first.put("range", subnet + "0/29");
        api.asAdmin().body(first).post(DEVICES + "/range").then().statusCode(201)
                .body("added", equalTo(6)).body("devices[0].address", equalTo(subnet + "1"))
                .body("devices[5].address", equalTo(subnet + "6"));

        Map<String, Object> second = device(null, "shared");
        second.put("range", subnet + "5-" + subnet + "8");
        api.asAdmin().body(second).post(DEVICES + "/range").then().statusCode(201)
                .body("added", equalTo(2)).body("skipped", equalTo(java.util.List.of(subnet + "5", subnet + "6")));
    }

    @Test
    void aRangeTooLargeOrMalformedIsRefusedAndChangesNothing() {
        String before = DatabaseFingerprint.of(dataSource);
        Map<String, Object> wide = device(null, "pw");
        wide.put("range", "10.64.0.0/19");
        api.asAdmin().body(wide).post(DEVICES + "/range").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://license-satellite.io/problems/pull-range-too-large"))
                .body("detail", containsString("8190"));
        Map<String, Object> backwards = device(null, "pw");
        backwards.put("range", "10.0.0.9-10.0.0.1");
        api.asAdmin().body(backwards).post(DEVICES + "/range").then().statusCode(400)
                .body("errors.field", hasItems("range"));
        Map<String, Object> notCidr = device(null, "pw");
        notCidr.put("range", "10.0.0.1/24");
        api.asAdmin().body(notCidr).post(DEVICES + "/range").then().statusCode(400)
                .body("errors[0].message", containsString("not the start"));
        assertThat(DatabaseFingerprint.of(dataSource)).isEqualTo(before);
    }

    @Test
    void listingFiltersAndPagesAndRefusesUnknownSorts() {
        String address = someSubnet() + "20";
        Map<String, Object> disabled = device(address, "pw");
        disabled.put("enabled", false);
        api.asAdmin().body(disabled).post(DEVICES).then().statusCode(201);
        api.asAdmin().queryParam("enabled", false).queryParam("size", 500).get(DEVICES).then().statusCode(200)
                .body("items.address", hasItems(address)).body("items.enabled", not(hasItems(true)));
        api.asAdmin().queryParam("sort", "password").get(DEVICES).then().statusCode(400)
                .body("errors.field", hasItems("sort"));
        api.asAdmin().queryParam("lastResult", "MAYBE").get(DEVICES).then().statusCode(400);
        api.anonymous().get(DEVICES).then().statusCode(401);
    }
}
