package io.licensesatellite.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first person at a new satellite: signs in as admin with the initial secret, is made to choose a password,
 * and a weak one is refused with the server's reason. A satellite of its own, so the initial secret is unused.
 */
@QuarkusTest
@TestProfile(FirstLoginJourneyTest.NewSatellite.class)
class FirstLoginJourneyTest extends ConsoleJourney {
    /** A distinct profile starts a satellite with a fresh data directory. */
    public static class NewSatellite implements QuarkusTestProfile {}

    @Test
    void theInitialSecretOpensTheConsoleOnceAndAPasswordOfOnesOwnIsRequired() throws Exception {
        String secret = api.initialSecret();
        Page page = open("/tokens");
        Response document = page.reload();
        assertThat(document.headerValue("content-security-policy")).as("the console is served under the strict CSP")
                .contains("script-src 'self'").contains("style-src 'self'").contains("object-src 'none'");

        page.getByLabel("User name").fill("admin");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(secret);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Change password"))).isVisible();
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"))).hasCount(0);

        page.getByLabel("Current password").fill(secret);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("password1");
        page.getByLabel("New password again").fill("password1");
        Response refused = page.waitForResponse(r -> r.url().endsWith("/api/v1/session/password"),
                () -> page.getByLabel("New password again").press("Enter"));
        assertThat(refused.status()).isEqualTo(400);
        String serversReason = new com.fasterxml.jackson.databind.ObjectMapper().readTree(refused.body()).path("detail").asText();
        assertThat(serversReason).isNotBlank();
        var refusal = page.getByTestId("problem");
        assertThat(refusal).hasAttribute("data-problem", "password-too-weak");
        assertThat(refusal).containsText(serversReason);
        screenshot(page, "1-weak-password-refused");

        String chosen = "Tq9!" + java.util.UUID.randomUUID();
        page.getByLabel("Current password").fill(secret);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(chosen);
        page.getByLabel("New password again").fill(chosen);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();

        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"))).isVisible();
        // the deep link asked for before signing in
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tokens").setLevel(1)))
                .isVisible();
        screenshot(page, "1-first-login-done");

        api.anonymous().body(Map.of("username", "admin", "password", secret)).post("/api/v1/session")
                .then().statusCode(401);
        api.anonymous().body(Map.of("username", "admin", "password", chosen)).post("/api/v1/session")
                .then().statusCode(200);
    }
}
