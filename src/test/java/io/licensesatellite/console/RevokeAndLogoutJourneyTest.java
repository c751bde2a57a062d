package io.licensesatellite.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Revoking a token takes a confirmation; logging out kills the session, even for someone holding its cookie. */
@QuarkusTest
class RevokeAndLogoutJourneyTest extends ConsoleJourney {

    @Test
    void aRevokedTokenShowsRevokedAndALoggedOutSessionIsDeadEverywhere() {
        long va = api.createVirtualAccount("Revoke VA " + UUID.randomUUID().toString().substring(0, 6));
        String token = api.createToken(va, 30, 5, false);
        String hint = token.substring(0, 8);
        Page page = signedIn(anAdministrator(), "/tokens?virtualAccountId=" + va);

        Locator row = page.locator("[data-testid=token-row][data-hint='" + hint + "']");
        assertThat(row.getByTestId("token-status")).hasText("Active");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).containsText(hint);
        page.keyboard().press("Escape");
        assertThat(dialog).isHidden();
        // Escape cancels
        assertThat(row.getByTestId("token-status")).hasText("Active");

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke")).click();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke")).click();
        assertThat(row.getByTestId("token-status")).hasText("Revoked");
        page.reload();
        // as the server now has it
        assertThat(row.getByTestId("token-status")).hasText("Revoked");
        screenshot(page, "4-token-revoked");

        List<Cookie> cookies = context.cookies();
        assertThat(cookies).extracting(c -> c.name).contains("ls_session");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();

        BrowserContext stolen = browser().newContext(cookies);
        try {
            APIResponse session = stolen.request().get(browser().base() + "/api/v1/session");
            assertThat(session.status()).as("the old cookie after logout").isEqualTo(401);
            Page replay = browser().open(stolen, "/tokens");
            assertThat(replay.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
            assertThat(replay.getByTestId("tokens")).hasCount(0);
            screenshot(replay, "4-old-session-dead");
        } finally {
            stolen.close();
        }
    }
}
