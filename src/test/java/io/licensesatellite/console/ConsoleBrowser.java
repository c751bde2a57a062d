package io.licensesatellite.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Debian's chromium driven by Playwright, one browser per test class, a fresh context per journey at 1280x720
 * with the self-signed admin certificate accepted. It records every browser console error and CSP violation so a
 * journey fails on them: the server enforces a strict CSP and the console must live within it.
 */
public final class ConsoleBrowser implements AutoCloseable {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    /** API refusals the journey provokes on purpose (401 before login, 400 weak password) show in the console as
     *  "Failed to load resource"; the page shows them to the user, so they are not faults. Anything else is. */
    private static final Pattern EXPECTED_REFUSAL =
            Pattern.compile("^Failed to load resource: the server responded with a status of 4\\d\\d.*");

    private final Playwright playwright;
    private final Browser browser;
    private final String base;
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    public ConsoleBrowser(String base) {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("browser tests need Debian's chromium at /usr/bin/chromium: run `apt-get install -y chromium`")
                .isTrue();
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.playwright = Playwright.create();
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage")));
    }

    public String base() { return base; }

    /** A new browser profile: no cookies, no local storage. */
    public BrowserContext newContext(List<Cookie> cookies) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setIgnoreHTTPSErrors(true).setViewportSize(1280, 720).setLocale("en-GB").setTimezoneId("Europe/Berlin"));
        context.setDefaultTimeout(15_000);
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        if (cookies != null) {
            context.addCookies(cookies);
        }
        return context;
    }

    /** A page that reports console errors, uncaught exceptions and CSP violations to this browser's error list. */
    public Page open(BrowserContext context, String hashPath) {
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) && !EXPECTED_REFUSAL.matcher(message.text()).matches()) {
                errors.add("console: " + message.text());
            }
        });
        page.onPageError(error -> errors.add("uncaught: " + error));
        // Chromium also logs CSP violations to the console; this catches any it reports only as an event.
        page.addInitScript("document.addEventListener('securitypolicyviolation', e => "
                + "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        page.navigate(base + "/#" + hashPath);
        return page;
    }

    public void screenshot(Page page, String name) {
        try {
            Path dir = Files.createDirectories(Paths.get("target", "screenshots"));
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Fails with every console error and CSP violation seen since the last call. */
    public void assertNoConsoleErrors() {
        List<String> seen;
        synchronized (errors) {
            seen = List.copyOf(errors);
            errors.clear();
        }
        assertThat(seen).as("browser console errors and CSP violations").isEmpty();
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
