package io.licensesatellite.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.licensesatellite.testing.SatelliteJourney;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A journey through the console as packaged (target/classes/META-INF/resources) on the real admin door. Each
 * journey ends with a screenshot for review and fails on any browser console error or CSP violation.
 */
public abstract class ConsoleJourney extends SatelliteJourney {
    private static ConsoleBrowser browser;

    protected BrowserContext context;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = new ConsoleBrowser(base.toString());
        }
        context = browser.newContext(null);
    }

    @AfterEach
    void closeBrowser() {
        try {
            browser.assertNoConsoleErrors();
        } finally {
            context.close();
        }
    }

    @AfterAll
    static void closeAll() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    protected ConsoleBrowser browser() { return browser; }

    protected Page open(String hashPath) { return browser.open(context, hashPath); }

    protected void screenshot(Page page, String name) { browser.screenshot(page, name); }

    /** A system administrator of the console with a password of their own (created through the API). */
    protected record Operator(String username, String password) {}

    protected Operator anAdministrator() {
        String username = "op-" + UUID.randomUUID().toString().substring(0, 8);
        return new Operator(username, api.createUser(username, "SYSADMIN", null));
    }

    /** Signs in through the login page, as a person does: labels, then Enter. */
    protected Page signedIn(Operator operator, String hashPath) {
        Page page = open(hashPath);
        page.getByLabel("User name").fill(operator.username());
        page.getByLabel("Password").fill(operator.password());
        page.getByLabel("Password").press("Enter");
        assertThat(page.getByTestId("signed-in-as")).containsText(operator.username());
        return page;
    }
}
