package io.licensesatellite.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The admin door as an operator's script sees it: HTTPS, HTTP Basic with the initial secret. */
public final class AdminApi {
    private final URL base;
    private final Path dataDir;

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

    public RequestSpecification asAdmin() {
        return anonymous().auth().preemptive().basic("admin", initialSecret());
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
