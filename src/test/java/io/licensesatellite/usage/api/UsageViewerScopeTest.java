package io.licensesatellite.usage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.agent.slp.SlpDevice;
import io.licensesatellite.agent.slp.SlpIdentity;
import io.licensesatellite.testing.AdminApi;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A viewer limited to some Virtual Accounts sees only their usage: every usage list leaves the other accounts' devices
 * and reports out, and reading one of them answers exactly as if it did not exist.
 */
@QuarkusTest
class UsageViewerScopeTest extends SatelliteJourney {
    static final String TAG = "regid.2016-11.com.cisco.DNA_NWStack,1.0_e7244e71-3ad5-4608-8bf0-d12f67c80896";
    static final String USAGE = "/api/v1/usage";

    String suffix;
    long mine;
    long theirs;
    SlpDevice myDevice;
    SlpDevice theirDevice;

    @Test
    void aLimitedViewerSeesOnlyTheUsageOfItsAccounts() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        mine = api.createVirtualAccount("Usage mine " + suffix);
        theirs = api.createVirtualAccount("Usage theirs " + suffix);
        TestClock.CLOCK.advance(Duration.ofHours(2));
        myDevice = uploaded(mine, "FVM");
        theirDevice = uploaded(theirs, "FVT");
        long myReport = reportOf(api.asAdmin(), myDevice);
        long theirReport = reportOf(api.asAdmin(), theirDevice);
        long myPulled = pullDevice("mine-" + suffix + ".example", mine);
        long theirPulled = pullDevice("theirs-" + suffix + ".example", theirs);
        long unassigned = pullDevice("nobody-" + suffix + ".example", null);

        String name = "usage-viewer-" + suffix;
        String password = api.createUser(name, "VIEWER", List.of(mine));
        AdminApi.Session viewerSession = api.login(name, password);
        // a RestAssured specification keeps the query parameters set on it: a fresh one per request
        Supplier<RequestSpecification> viewer = () -> api.withSession(viewerSession.cookie(), viewerSession.csrf());
        String otherName = "usage-other-" + suffix;
        String otherPassword = api.createUser(otherName, "VIEWER", List.of(theirs));

        // reports: the list, a filter on the other VA, one report
        assertThat(serials(viewer.get().queryParam("size", 500).get(USAGE + "/reports"))).contains(serial(myDevice))
                .doesNotContain(serial(theirDevice));
        assertThat(viewer.get().queryParam("virtualAccountId", theirs).get(USAGE + "/reports").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        viewer.get().get(USAGE + "/reports/" + myReport).then().statusCode(200);
        for (long report : new long[] {theirReport, Long.MAX_VALUE}) {
            viewer.get().get(USAGE + "/reports/" + report).then().statusCode(404)
                    .body("type", equalTo("https://license-satellite.io/problems/usage-report-not-found"));
        }

        // devices and deadlines
        assertThat(serials(viewer.get().queryParam("size", 500).get(USAGE + "/devices"))).contains(serial(myDevice))
                .doesNotContain(serial(theirDevice));
        assertThat(viewer.get().queryParam("serial", serial(theirDevice)).get(USAGE + "/devices").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        assertThat(serials(viewer.get().queryParam("size", 500).get(USAGE + "/deadlines"))).contains(serial(myDevice))
                .doesNotContain(serial(theirDevice));
        assertThat(viewer.get().queryParam("virtualAccountId", theirs).get(USAGE + "/deadlines").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();

        // daily usage: the other VA, like one that does not exist, is not found; the other device, like a missing one, has none
        assertThat(daily(viewer.get(), Map.of("virtualAccountId", mine)).then().statusCode(200).extract().jsonPath().getList("$"))
                .isNotEmpty();
        for (long va : new long[] {theirs, 987_654_321L}) {
            daily(viewer.get(), Map.of("virtualAccountId", va)).then().statusCode(404)
                    .body("type", equalTo("https://license-satellite.io/problems/not-found"));
        }
        assertThat(daily(viewer.get(), device(myDevice)).then().statusCode(200).extract().jsonPath().getList("$")).isNotEmpty();
        assertThat(daily(viewer.get(), device(theirDevice)).then().statusCode(200).extract().jsonPath().getList("$")).isEmpty();
        assertThat(daily(api.asAdmin(), device(theirDevice)).then().statusCode(200).extract().jsonPath().getList("$")).isNotEmpty();

        // the ACK file is an operator's download: a viewer is refused whatever the device
        viewer.get().queryParams(device(myDevice)).get(USAGE + "/ack-file").then().statusCode(403);

        // pulled devices: a device without a VA is in none of the viewer's
        assertThat(viewer.get().queryParam("size", 500).get(USAGE + "/pull-devices").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class)).contains(myPulled).doesNotContain(theirPulled, unassigned);
        viewer.get().get(USAGE + "/pull-devices/" + myPulled).then().statusCode(200);
        for (long id : new long[] {theirPulled, unassigned, Long.MAX_VALUE}) {
            viewer.get().get(USAGE + "/pull-devices/" + id).then().statusCode(404)
                    .body("type", equalTo("https://license-satellite.io/problems/not-found"));
        }

        // unlimited roles are unchanged; a viewer limited to no account sees no usage
        AdminApi.Session allSession = api.login("usage-all-" + suffix, api.createUser("usage-all-" + suffix, "VIEWER", null));
        Supplier<RequestSpecification> all = () -> api.withSession(allSession.cookie(), allSession.csrf());
        for (SlpDevice device : List.of(myDevice, theirDevice)) {
            assertThat(serials(all.get().queryParam("serial", serial(device)).get(USAGE + "/devices"))).containsExactly(serial(device));
        }
        all.get().get(USAGE + "/reports/" + theirReport).then().statusCode(200);
        all.get().get(USAGE + "/pull-devices/" + unassigned).then().statusCode(200);
        AdminApi.Session noneSession = api.login("usage-none-" + suffix, api.createUser("usage-none-" + suffix, "VIEWER", List.of()));
        for (String list : new String[] {"/reports", "/devices", "/deadlines", "/pull-devices"}) {
            assertThat(api.withSession(noneSession.cookie(), noneSession.csrf()).get(USAGE + list).then().statusCode(200)
                    .extract().jsonPath().getList("items")).as(list).isEmpty();
        }

        // the deadline alerts name only the viewer's devices (80 days on: both are 10 days from their ACK deadline)
        TestClock.CLOCK.advance(Duration.ofDays(80));
        assertThat(alerts(api.login(name, password).spec())).anyMatch(m -> m.contains("SN:" + serial(myDevice)))
                .noneMatch(m -> m.contains("SN:" + serial(theirDevice)));
        assertThat(alerts(api.login(otherName, otherPassword).spec())).anyMatch(m -> m.contains("SN:" + serial(theirDevice)))
                .noneMatch(m -> m.contains("SN:" + serial(myDevice)));
    }

    private SlpDevice uploaded(long va, String prefix) {
        String serial = prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        SlpDevice device = new SlpDevice(SlpIdentity.aSwitch(serial), SlpDevice.simulatorKey(serial), TestClock.CLOCK);
        device.use(TAG, 2);
        device.measure();
        api.asAdmin().contentType("application/xml").body(device.usageFile().getBytes(StandardCharsets.UTF_8))
                .queryParam("virtualAccountId", va).post(USAGE + "/files").then().statusCode(200);
        return device;
    }

    private long pullDevice(String address, Long va) {
        Map<String, Object> body = new HashMap<>();
        body.put("address", address);
        body.put("username", "satellite");
        body.put("password", "pw-" + suffix);
        body.put("virtualAccountId", va);
        body.put("enabled", false);
        return api.asAdmin().body(body).post(USAGE + "/pull-devices").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long reportOf(RequestSpecification as, SlpDevice device) {
        return as.queryParam("serial", serial(device)).get(USAGE + "/reports").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
    }

    private static List<String> serials(io.restassured.response.Response page) {
        return page.then().statusCode(200).extract().jsonPath().getList("items.serialNumber", String.class);
    }

    private static io.restassured.response.Response daily(RequestSpecification as, Map<String, ?> query) {
        LocalDate today = LocalDate.ofInstant(TestClock.CLOCK.instant(), ZoneOffset.UTC);
        return as.queryParams(query).queryParam("from", today.minusDays(3).toString()).queryParam("to", today.plusDays(1).toString())
                .get(USAGE + "/daily");
    }

    private static Map<String, String> device(SlpDevice device) {
        return Map.of("pid", device.identity().pid(), "serial", serial(device));
    }

    private static String serial(SlpDevice device) {
        return device.identity().serialNumber();
    }

    private static List<String> alerts(RequestSpecification as) {
        return as.queryParam("size", 500).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath()
                .getList("items.message", String.class);
    }
}
