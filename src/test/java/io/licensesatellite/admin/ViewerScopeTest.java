package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A viewer limited to some Virtual Accounts sees only their data, and the others do not seem to exist. */
@QuarkusTest
class ViewerScopeTest extends SatelliteJourney {
    @Test
    void aLimitedViewerSeesOnlyItsAccountsAndOthersAnswerNotFound() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long mine = api.createVirtualAccount("Mine-" + suffix);
        long theirs = api.createVirtualAccount("Theirs-" + suffix);
        api.addLicense(mine, "regid.scope.mine", 5, null);
        api.addLicense(theirs, "regid.scope.theirs", 5, null);
        String myToken = api.createToken(mine, 30, 10, false);
        String theirToken = api.createToken(theirs, 30, 10, false);
        long theirTokenId = api.tokenId(theirs, theirToken);
        long myTokenId = api.tokenId(mine, myToken);
        String myDevice = io.licensesatellite.testing.Devices.registered(client, io.licensesatellite.testing.Devices.aSwitch(), myToken).productInstanceId();
        String theirDevice = io.licensesatellite.testing.Devices.registered(client, io.licensesatellite.testing.Devices.aSwitch(), theirToken).productInstanceId();

        String name = "viewer-" + suffix;
        String password = api.createUser(name, "VIEWER", List.of(mine));
        RequestSpecification viewer = api.login(name, password).spec();
        viewer.get("/api/v1/session").then().body("virtualAccountIds", equalTo(List.of((int) mine)));

        List<Long> listed = viewer.get("/api/v1/virtual-accounts").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        assertThat(listed).containsExactly(mine);
        viewer.get("/api/v1/virtual-accounts/" + mine + "/compliance").then().statusCode(200);
        viewer.get("/api/v1/tokens/" + myTokenId).then().statusCode(200);
        for (String path : new String[] {"/virtual-accounts/" + theirs, "/virtual-accounts/" + theirs + "/licenses",
            "/virtual-accounts/" + theirs + "/compliance", "/virtual-accounts/" + theirs + "/tokens",
            "/tokens/" + theirTokenId, "/product-instances/" + theirDevice, "/product-instances/" + theirDevice + "/events"}) {
            viewer.get("/api/v1" + path).then().statusCode(404).body("status", equalTo(404));
        }
        viewer.get("/api/v1/product-instances/" + myDevice).then().statusCode(200);
        List<String> instances = viewer.get("/api/v1/product-instances?size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
        assertThat(instances).contains(myDevice).doesNotContain(theirDevice);
        assertThat(viewer.queryParam("virtualAccountId", theirs).get("/api/v1/product-instances").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();

        // An unlimited viewer sees both; an empty list sees none.
        RequestSpecification all = api.login("all-" + suffix, api.createUser("all-" + suffix, "VIEWER", null)).spec();
        assertThat(all.get("/api/v1/virtual-accounts").then().extract().jsonPath().getList("items.id", Long.class)).contains(mine, theirs);
        RequestSpecification none = api.login("none-" + suffix, api.createUser("none-" + suffix, "VIEWER", List.of())).spec();
        assertThat(none.get("/api/v1/virtual-accounts").then().extract().jsonPath().getList("items.id")).isEmpty();
        assertThat(none.get("/api/v1/product-instances").then().extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void onlyAViewerCanBeLimitedAndOnlyToExistingAccounts() {
        api.asAdmin().body(Map.of("username", "op-" + UUID.randomUUID().toString().substring(0, 8), "role", "OPERATOR",
                "temporaryPassword", io.licensesatellite.testing.AdminApi.strongPassword(), "virtualAccountIds", List.of(1)))
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("virtualAccountIds"));
        api.asAdmin().body(Map.of("username", "v-" + UUID.randomUUID().toString().substring(0, 8), "role", "VIEWER",
                "temporaryPassword", io.licensesatellite.testing.AdminApi.strongPassword(), "virtualAccountIds", List.of(987654321)))
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("virtualAccountIds"));
    }
}
