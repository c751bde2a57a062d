package io.licensesatellite.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.testing.Devices;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An operator creates a token, copies it once, a device registers with it and shows up among the instances. */
@QuarkusTest
class TokenToDeviceJourneyTest extends ConsoleJourney {

    @Test
    void aTokenMadeInTheConsoleRegistersADeviceThatTheConsoleThenShows() {
        String va = "Console VA " + UUID.randomUUID().toString().substring(0, 6);
        api.createVirtualAccount(va);
        Page page = signedIn(anAdministrator(), "/tokens");

        Locator form = page.getByTestId("create-token");
        form.getByLabel("Virtual account").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(va));
        String description = "browser " + UUID.randomUUID().toString().substring(0, 6);
        form.getByLabel("Description").fill(description);
        form.getByLabel("Valid for (days)").fill("7");
        form.getByLabel("Maximum uses").fill("3");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create token")).click();

        Locator created = page.getByTestId("created-token");
        assertThat(created).containsText("shown only once");
        String token = created.getByTestId("copy-value").innerText().strip();
        assertThat(token).hasSizeGreaterThan(20);
        created.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy")).click();
        assertThat(created.getByRole(AriaRole.STATUS).last()).hasText("Copied");

        Locator row = page.getByTestId("token-row").filter(new Locator.FilterOptions().setHasText(description));
        assertThat(row.getByTestId("uses-left")).hasText("3 of 3");
        screenshot(page, "2-token-created");

        DeviceIdentity device = Devices.aSwitch();
        Credentials registered = Devices.registered(client, device, token);

        page.reload();
        assertThat(page.getByTestId("token-row").filter(new Locator.FilterOptions().setHasText(description))
                .getByTestId("uses-left")).hasText("2 of 3");
        assertThat(page.getByTestId("created-token")).hasCount(0);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Product instances")).click();
        page.getByLabel("Serial number").fill(device.serialNumber());
        page.getByLabel("Serial number").press("Enter");
        Locator instance = page.getByTestId("instance-row");
        assertThat(instance).hasCount(1);
        assertThat(instance).containsText(device.serialNumber());
        assertThat(instance).containsText(va);
        screenshot(page, "2-instance-listed");

        instance.getByRole(AriaRole.LINK).click();
        assertThat(page.getByTestId("instance-detail")).containsText(registered.productInstanceId());
        assertThat(page.getByTestId("instance-events")).containsText("Registered");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*#/instances/.+"));
        page.reload();
        // the deep link survives a reload
        assertThat(page.getByTestId("instance-detail"))
                .containsText(registered.productInstanceId());
        screenshot(page, "2-instance-details");
    }
}
