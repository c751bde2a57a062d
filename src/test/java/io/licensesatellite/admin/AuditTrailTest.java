package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.licensesatellite.testing.AdminApi;
import io.licensesatellite.testing.IsolatedSatellite;
import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who did what, when, from where, with what result and what changed; searchable, exportable, sent to syslog. */
@QuarkusTest
@TestProfile(IsolatedSatellite.class)
class AuditTrailTest extends SatelliteJourney {
    @Inject
    LoginThrottle throttle;

    @BeforeEach
    void cleanSlate() {
        throttle.forgetAll();
    }

    private JsonPath entries(Map<String, ?> filters) {
        return api.asAdmin().queryParams(filters).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void userAndClientChangesAreRecordedWithStatesBeforeAndAfterAndNoSecret() {
        String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> secrets = new ArrayList<>();
        String temporary = AdminApi.strongPassword();
        secrets.add(temporary);
        api.asAdmin().body(Map.of("username", name, "role", "OPERATOR", "temporaryPassword", temporary))
                .post("/api/v1/users").then().statusCode(201);
        api.asAdmin().body(Map.of("role", "VIEWER", "enabled", true)).put("/api/v1/users/" + name).then().statusCode(200);
        String reset = AdminApi.strongPassword();
        secrets.add(reset);
        api.asAdmin().body(Map.of("temporaryPassword", reset)).post("/api/v1/users/" + name + "/password").then().statusCode(200);
        JsonPath client = api.asAdmin().body(Map.of("name", "audited-client-" + name, "scopes", List.of("READ")))
                .post("/api/v1/api-clients").then().statusCode(201).extract().jsonPath();
        secrets.add(client.getString("token"));
        String proxySecret = "proxy-" + UUID.randomUUID();
        secrets.add(proxySecret);
        Map<String, Object> settings = new HashMap<>();
        settings.put("schedule", "off");
        settings.put("proxyHost", "proxy.lan");
        settings.put("proxyPort", 3128);
        settings.put("proxyUsername", "sat");
        settings.put("proxyPassword", proxySecret);
        api.asAdmin().body(settings).put("/api/v1/sync/settings").then().statusCode(200);
        api.anonymous().body(Map.of("username", name, "password", "a-wrong-guess-" + name)).post("/api/v1/session")
                .then().statusCode(401);
        secrets.add("a-wrong-guess-" + name);

        JsonPath created = entries(Map.of("action", "user.create", "q", name));
        assertThat(created.getString("items[0].actor")).isEqualTo(AdminApi.TEST_CLIENT_ACTOR);
        assertThat(created.getString("items[0].target")).isEqualTo("user:" + name);
        assertThat(created.getString("items[0].outcome")).isEqualTo("success");
        assertThat(created.getInt("items[0].status")).isEqualTo(201);
        assertThat(created.getString("items[0].sourceAddress")).isEqualTo("127.0.0.1");
        assertThat(created.getString("items[0].after.role")).isEqualTo("OPERATOR");
        assertThat(created.getString("items[0].before")).isNull();

        JsonPath updated = entries(Map.of("action", "user.update", "q", name));
        assertThat(updated.getString("items[0].before.role")).isEqualTo("OPERATOR");
        assertThat(updated.getString("items[0].after.role")).isEqualTo("VIEWER");

        JsonPath sync = entries(Map.of("action", "sync-settings.update"));
        assertThat(sync.getString("items[0].after.proxyHost")).isEqualTo("proxy.lan");
        assertThat(sync.getBoolean("items[0].after.proxyPasswordSet")).isTrue();

        JsonPath clientEntry = entries(Map.of("action", "api-client.create", "q", name));
        assertThat(clientEntry.getList("items[0].after.scopes")).containsExactly("READ");

        JsonPath failed = entries(Map.of("action", "session.login", "q", "user:" + name, "outcome", "denied"));
        assertThat(failed.getString("items[0].actor")).isEqualTo(name);
        assertThat(failed.getInt("items[0].status")).isEqualTo(401);

        // No secret anywhere in the log, in the API nor in the export.
        String everything = api.asAdmin().queryParam("size", 500).get("/api/v1/audit").asString()
                + api.asAdmin().get("/api/v1/audit/export.csv").asString();
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(everything).doesNotContain(api.adminPassword()).doesNotContain(api.initialSecret());
    }

    @Test
    void refusedCallsLoginsAndLogoutsAreRecorded() {
        String name = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        String password = api.createUser(name, "VIEWER", null);
        AdminApi.Session viewer = api.login(name, password);
        viewer.spec().body(Map.of("name", "x")).post("/api/v1/virtual-accounts").then().statusCode(403);
        viewer.spec().delete("/api/v1/session").then().statusCode(204);
        api.anonymous().body(Map.of("name", "x")).post("/api/v1/virtual-accounts").then().statusCode(401);

        List<Map<String, Object>> mine = entries(Map.of("actor", name, "size", 50)).getList("items");
        assertThat(mine).extracting(e -> e.get("action") + " " + e.get("outcome") + " " + e.get("status"))
                .contains("POST /api/v1/virtual-accounts denied 403", "session.logout success 204",
                        "session.login success 200", "session.password-change success 200");
        assertThat(entries(Map.of("actor", "(unauthenticated)", "action", "POST /api/v1/virtual-accounts")).getList("items"))
                .isNotEmpty();
    }

    @Test
    void theSearchFiltersByTimeAndSortsAndTheExportIsSafeCsv() {
        Instant before = Instant.now().minusSeconds(1);
        String name = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(name, "VIEWER", null);
        JsonPath newest = entries(Map.of("from", before.toString(), "q", name));
        assertThat(newest.getInt("total")).isGreaterThanOrEqualTo(3);
        JsonPath oldest = entries(Map.of("from", before.toString(), "q", name, "sort", "occurredAt"));
        assertThat(oldest.getString("items[0].action")).isEqualTo("user.create");
        assertThat(entries(Map.of("to", before.toString(), "q", name)).getInt("total")).isZero();
        api.asAdmin().queryParam("from", "yesterday").get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        api.asAdmin().queryParam("sort", "actor").get("/api/v1/audit").then().statusCode(400);

        String csv = api.asAdmin().queryParam("q", name).get("/api/v1/audit/export.csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/csv")).header("Cache-Control", "no-store").extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("id,occurredAt,actor,sourceAddress,action,target,outcome,status,before,after");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",user.create,user:" + name + ",success,201,,\"{\"\"username\"\":\"\""));
    }

    @Test
    void entriesReachSyslogAsRfc5424Lines() throws Exception {
        api.asAdmin().get("/api/v1/session");
        String line;
        String name = "syslog-" + UUID.randomUUID().toString().substring(0, 8);
        try (DatagramSocket receiver = IsolatedSatellite.syslogReceiver()) {
            api.createUser(name, "VIEWER", null);
            line = receive(receiver, "target=\"user:" + name + "\"");
        }
        assertThat(line).matches("<85>1 \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z \\S+ license-satellite - audit \\[audit@32473 actor=\""
                + AdminApi.TEST_CLIENT_ACTOR + "\" action=\"user.create\" target=\"user:" + name
                + "\" outcome=\"success\" status=\"201\" source=\"127.0.0.1\" id=\"\\d+\"] .*");
        assertThat(line).doesNotContain("temporaryPassword");
    }

    private static String receive(DatagramSocket receiver, String containing) throws Exception {
        byte[] buffer = new byte[65536];
        receiver.setSoTimeout(10_000);
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                receiver.receive(packet);
            } catch (SocketTimeoutException quiet) {
                break;
            }
            String line = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (line.contains(containing)) {
                return line;
            }
        }
        throw new AssertionError("no syslog line containing " + containing);
    }

    @Test
    void auditReadIsRefusedWithoutThePermission() {
        String name = "noaudit-" + UUID.randomUUID().toString().substring(0, 8);
        AdminApi.Session operator = api.login(name, api.createUser(name, "OPERATOR", null));
        operator.spec().get("/api/v1/audit").then().statusCode(403);
        operator.spec().get("/api/v1/audit/export.csv").then().statusCode(403).body("instance", equalTo("/api/v1/audit/export.csv"));
        api.anonymous().get("/api/v1/audit").then().statusCode(401).body("items", nullValue());
    }
}
