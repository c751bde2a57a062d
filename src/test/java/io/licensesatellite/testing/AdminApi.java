package io.licensesatellite.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admin door as an operator's script sees it: HTTPS, an API client's bearer token. For each data directory the
 * first {@link #asAdmin()} does what an operator does once: logs in as {@code admin} with the initial secret,
 * changes the password to a random strong one, and creates an API client with every scope; the token is cached.
 * {@link #asUser} is the console's way: a session cookie and its CSRF header.
 */
public final class AdminApi {
    public static final String TEST_CLIENT = "test-automation";
    public static final String TEST_CLIENT_ACTOR = "api-client:" + TEST_CLIENT;
    public static final List<String> ALL_SCOPES = List.of("READ", "ACCOUNTS_WRITE", "TOKENS_WRITE", "INSTANCES_WRITE",
            "SYNC_RUN", "SETTINGS_WRITE", "USERS_WRITE", "AUDIT_READ", "SELF");
    private static final Map<String, Admin> ADMINS = new ConcurrentHashMap<>();

    private final URL base;
    private final Path dataDir;

    /** What the bootstrap left: the admin's own password and the all-scopes bearer token. */
    private record Admin(String password, String bearer) {}

    /** A logged-in console session: send {@link #spec()} for calls; {@code csrf} is already a header there. */
    public record Session(String cookie, String csrf, io.restassured.path.json.JsonPath view, RequestSpecification spec) {}

    public AdminApi(URL base, String dataDir) {
        this.base = base;
        this.dataDir = Path.of(dataDir);
    }

    public String initialSecret() {
        try {
            return Files.readString(dataDir.resolve("initial-admin-password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RequestSpecification anonymous() {
        return given().baseUri(base.toString()).relaxedHTTPSValidation().contentType(ContentType.JSON);
    }

    /** A system administrator's automation: the cached bearer token of an API client with every scope. */
    public RequestSpecification asAdmin() {
        return bearer(admin().bearer());
    }

    public RequestSpecification bearer(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    /** The password {@code admin} has after the bootstrap. */
    public String adminPassword() {
        return admin().password();
    }

    /** Logs in and returns the session; fails the test if the login is refused. */
    public Session login(String username, String password) {
        Response response = anonymous().body(Map.of("username", username, "password", password)).post("/api/v1/session");
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + username + " answered " + response.statusCode() + ": " + response.asString());
        }
        return session(response);
    }

    /** Requests with the session's cookie and CSRF header, as the console sends them. */
    public RequestSpecification asUser(String username, String password) {
        return login(username, password).spec();
    }

    public Session session(Response response) {
        String cookie = response.getCookie("ls_session");
        String csrf = response.jsonPath().getString("csrfToken");
        return new Session(cookie, csrf, response.jsonPath(), withSession(cookie, csrf));
    }

    public RequestSpecification withSession(String cookie, String csrf) {
        return anonymous().cookie("ls_session", cookie).header("X-CSRF-Token", csrf);
    }

    /** Creates a user (as admin), logs it in, changes its temporary password; returns its final password. */
    public String createUser(String username, String role, List<Long> virtualAccountIds) {
        String temporary = strongPassword();
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("username", username);
        body.put("role", role);
        body.put("temporaryPassword", temporary);
        if (virtualAccountIds != null) {
            body.put("virtualAccountIds", virtualAccountIds);
        }
        asAdmin().body(body).post("/api/v1/users").then().statusCode(201);
        Session first = login(username, temporary);
        String password = strongPassword();
        first.spec().body(Map.of("currentPassword", temporary, "newPassword", password))
                .post("/api/v1/session/password").then().statusCode(200);
        return password;
    }

    public static String strongPassword() {
        return "Tq-" + UUID.randomUUID() + "-Zx";
    }

    private Admin admin() {
        return ADMINS.computeIfAbsent(dataDir.toAbsolutePath().toString(), dir -> bootstrap());
    }

    private Admin bootstrap() {
        String secret = initialSecret();
        Session first = login("admin", secret);
        String password = strongPassword();
        Response changed = first.spec().body(Map.of("currentPassword", secret, "newPassword", password))
                .post("/api/v1/session/password");
        if (changed.statusCode() != 200) {
            throw new AssertionError("password change answered " + changed.statusCode() + ": " + changed.asString());
        }
        Session admin = session(changed);
        String token = admin.spec().body(Map.of("name", TEST_CLIENT, "scopes", ALL_SCOPES))
                .post("/api/v1/api-clients").then().statusCode(201).extract().jsonPath().getString("token");
        return new Admin(password, token);
    }

    public long createVirtualAccount(String name) {
        return asAdmin().body(Map.of("name", name)).post("/api/v1/virtual-accounts")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public void addLicense(long vaId, String tag, int quantity, String higherTierTag) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("tag", tag);
        body.put("displayName", tag);
        body.put("quantity", quantity);
        body.put("type", "PERPETUAL");
        if (higherTierTag != null) {
            body.put("higherTierTag", higherTierTag);
        }
        asAdmin().body(body).post("/api/v1/virtual-accounts/" + vaId + "/licenses").then().statusCode(201);
    }

    public String createToken(long vaId, int days, int maxUses, boolean exportControlled) {
        return asAdmin().body(Map.of("description", "test", "expiresInDays", days, "maxUses", maxUses,
                        "exportControlled", exportControlled))
                .post("/api/v1/virtual-accounts/" + vaId + "/tokens").then().statusCode(201)
                .extract().jsonPath().getString("token");
    }

    public long tokenId(long vaId, String token) {
        return asAdmin().get("/api/v1/virtual-accounts/" + vaId + "/tokens").then().statusCode(200)
                .extract().jsonPath().getLong("items.find { it.hint == '" + token.substring(0, 8) + "' }.id");
    }
}
