package io.licensesatellite.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Japanese and back, remembered across a reload; the main menu reached and used with the keyboard alone. */
@QuarkusTest
class LanguageAndKeyboardJourneyTest extends ConsoleJourney {
    /** The element with focus, looking through the shadow roots of the console's components. */
    private static final String FOCUSED = "() => { let e = document.activeElement; "
            + "while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement; return e; }";

    @Test
    void theConsoleSpeaksJapaneseUntilToldOtherwise() {
        Page page = signedIn(anAdministrator(), "/");
        Locator menu = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"));
        assertThat(menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Dashboard"))).isVisible();

        page.getByTestId("language").selectOption("ja");
        Locator japaneseMenu = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("メインメニュー"));
        assertThat(japaneseMenu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("ダッシュボード"))).isVisible();
        assertThat(page.locator("html")).hasAttribute("lang", "ja");
        page.reload();
        // remembered after a reload
        assertThat(japaneseMenu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("製品インスタンス")))
                .isVisible();
        screenshot(page, "5-japanese");

        page.getByTestId("language").selectOption("en");
        assertThat(menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Product instances"))).isVisible();
        assertThat(page.locator("html")).hasAttribute("lang", "en");
    }

    @Test
    void theMainMenuWorksWithTheKeyboardAloneAt1280x720() {
        Page page = signedIn(anAdministrator(), "/");
        assertThat(page.viewportSize().width).isEqualTo(1280);
        assertThat(page.viewportSize().height).isEqualTo(720);
        page.locator("body").click(new Locator.ClickOptions().setPosition(1, 1));

        List<String> visited = new ArrayList<>();
        String focused = "";
        for (int i = 0; i < 20 && !focused.equals("Tokens"); i++) {
            page.keyboard().press("Tab");
            focused = (String) page.evaluate("(" + FOCUSED + ")().textContent.trim()");
            visited.add(focused);
            String outline = (String) page.evaluate("getComputedStyle((" + FOCUSED + ")()).outlineStyle");
            assertThat(outline).as("focus is visible on '" + focused + "'").isNotEqualTo("none");
        }
        assertThat(visited).as("tab order: skip link, language, logout, then the menu in order")
                .containsSubsequence("Skip to content", "Dashboard", "Virtual accounts", "Tokens");
        page.keyboard().press("Enter");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*#/tokens$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tokens").setLevel(1))).isVisible();

        for (int i = 0; i < 3; i++) {
            page.keyboard().press("Tab");
        }
        screenshot(page, "5-keyboard-tokens");
        Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).as("nothing wider than 1280 px").isEqualTo(false);
    }
}
