package io.licensesatellite.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.licensesatellite.testing.UpstreamLab;
import io.licensesatellite.upstream.UpstreamEmulator;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Across the air gap in the console: download a sync request, upload the upstream's answer, see what changed. */
@QuarkusTest
class SyncFilesJourneyTest extends ConsoleJourney {

    @Test
    void aRequestDownloadedAndItsResponseUploadedShowTheResultAndTheHistory() throws Exception {
        UpstreamLab lab = UpstreamLab.shared();
        lab.ensureRegistered(api);
        Page page = signedIn(anAdministrator(), "/sync");

        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Download full request")).click());
        assertThat(download.suggestedFilename()).startsWith("license-sync-request-").endsWith(".yml");
        byte[] request = Files.readAllBytes(download.path());
        assertThat(new String(request, StandardCharsets.UTF_8)).contains("kind: sync-request").contains("type: full");
        assertThat(page.getByTestId("file-note")).containsText(download.suggestedFilename());

        UpstreamEmulator.Answered answered = lab.emulator().answer(request);
        page.getByTestId("response-file").setInputFiles(new FilePayload("response.yml", "application/yaml", answered.responseFile()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload response")).click();

        Locator result = page.getByTestId("sync-result");
        assertThat(result).containsText("Response to request " + answered.sequence());
        assertThat(result).containsText("Licence lines:");
        assertThat(((Number) page.getByRole(AriaRole.PROGRESSBAR).evaluate("p => p.value")).doubleValue())
                .as("the upload's progress bar is full").isEqualTo(1.0);
        Locator imported = page.getByTestId("history-row").filter(new Locator.FilterOptions().setHasText("Response uploaded")).first();
        assertThat(imported).containsText(String.valueOf(answered.sequence()));
        assertThat(imported).containsText("Succeeded");
        screenshot(page, "3-sync-response-imported");

        page.getByTestId("response-file").setInputFiles(new FilePayload("response.yml", "application/yaml", answered.responseFile()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload response")).click();
        Locator refusal = page.getByTestId("problem");
        assertThat(refusal).isVisible();
        assertThat(refusal).not().containsText("HTTP 4");
        screenshot(page, "3-sync-replay-refused");
    }
}
