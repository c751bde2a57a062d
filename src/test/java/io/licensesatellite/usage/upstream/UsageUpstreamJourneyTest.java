package io.licensesatellite.usage.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.agent.slp.RumReport;
import io.licensesatellite.agent.slp.RumReportWriter;
import io.licensesatellite.agent.slp.SlpIdentity;
import io.licensesatellite.sync.file.slp.SlpDocuments;
import io.licensesatellite.sync.file.slp.UsageBundles;
import io.licensesatellite.sync.file.slp.Ustar;
import io.licensesatellite.testing.DatabaseFingerprint;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.licensesatellite.testing.UpstreamLab;
import io.licensesatellite.upstream.SlpUpstream;
import io.licensesatellite.upstream.UpstreamEmulator;
import io.licensesatellite.upstream.UpstreamServer;
import io.licensesatellite.usage.AuthorizationRequests;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.IngestSource;
import io.licensesatellite.usage.ReportSource;
import io.licensesatellite.usage.RumInput;
import io.licensesatellite.usage.UsageAcknowledgements;
import io.licensesatellite.usage.UsageIngest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage reports up and acknowledgements and codes down, through the in-process upstream emulator: online (OAuth,
 * reportusage, OK_POLL then COMPLETE), offline bundles, and the YAML sync file.
 */
@QuarkusTest
class UsageUpstreamJourneyTest extends SatelliteJourney {
    @Inject
    UsageIngest ingest;
    @Inject
    UsageAcknowledgements acknowledgements;
    @Inject
    AuthorizationRequests authorizationRequests;
    @Inject
    DataSource dataSource;

    UpstreamLab lab;
    UpstreamServer server;

    @BeforeEach
    void upstreamOnline() {
        lab = UpstreamLab.shared();
        lab.ensureRegistered(api);
        lab.syncByFile(api, "full");
        server = lab.emulator().serve("127.0.0.1", 0);
        lab.emulator().slp().options(new SlpUpstream.Options(1, 0));
        UpstreamEmulator.OAuthClient client = lab.emulator().createOAuthClient(UpstreamLab.SMART_ACCOUNT, null);
        String base = "https://127.0.0.1:" + server.port();
        api.asAdmin().contentType("application/json").body(Map.of("tokenUrl", base + "/as/token.oauth2",
                "apiBaseUrl", base + "/services/api/smart-accounts-and-licensing", "clientId", client.clientId(),
                "clientSecret", client.clientSecret(), "smartAccountId", UpstreamLab.SMART_ACCOUNT))
                .put("/api/v1/usage/upstream-settings").then().statusCode(200);
    }

    @AfterEach
    void upstreamOffline() {
        server.close();
    }

    @Test
    void reportsGoUpOnlineAndTheAcknowledgementComesBackByteExact() {
        Device device = aDevice();
        device.reports(2);

        JsonPath first = report();
        assertThat(first.getInt("reportsSent")).isGreaterThanOrEqualTo(2);
        assertThat(first.getInt("stillPolling")).isPositive();
        JsonPath second = report();
        assertThat(second.getInt("polled")).isPositive();
        assertThat(acknowledgements.ackFileFor(device.id)).isEmpty();
        JsonPath third = report();
        assertThat(third.getInt("acknowledgementsStored")).isPositive();

        byte[] stored = acknowledgements.ackFileFor(device.id).orElseThrow().ackBytes();
        byte[] sent = emulatorsAcknowledgementFor(device);
        assertThat(stored).isEqualTo(sent);
        assertThat(lab.emulator().slp().ledger().reports()).filteredOn(r -> r.udi().equals(device.udi()))
                .extracting(r -> r.reportId()).containsExactlyElementsOf(device.reportIds);
        api.asAdmin().get("/api/v1/usage/upstream").then().statusCode(200)
                .body("lastError", equalTo(null)).body("settings.clientSecretSet", equalTo(true))
                .body("settings", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("clientSecret")));
    }

    @Test
    void aWrongClientSecretIsRefusedAndTheReportsStayPending() {
        Device device = aDevice();
        device.reports(1);
        api.asAdmin().contentType("application/json").body(Map.of("clientSecret", "wrong",
                "tokenUrl", "https://127.0.0.1:" + server.port() + "/as/token.oauth2",
                "apiBaseUrl", "https://127.0.0.1:" + server.port() + "/services/api/smart-accounts-and-licensing/",
                "clientId", "client-unknown", "smartAccountId", UpstreamLab.SMART_ACCOUNT))
                .put("/api/v1/usage/upstream-settings").then().statusCode(200);

        api.asAdmin().post("/api/v1/usage/upstream/report").then().statusCode(502)
                .body("type", endsWith("/upstream-refused"));

        api.asAdmin().get("/api/v1/usage/upstream").then().body("lastError", org.hamcrest.Matchers.containsString("client-unknown"));
        assertThat(lab.emulator().slp().ledger().reports()).noneMatch(r -> r.udi().equals(device.udi()));
    }

    @Test
    void anOfflineBundleGoesOutAndItsAcknowledgementBundleComesBackIn() {
        Device device = aDevice();
        device.reports(2);

        var download = api.asAdmin().post("/api/v1/usage/offline-bundle").then().statusCode(200)
                .header("Content-Type", "application/gzip").extract();
        String fileName = download.header("Content-Disposition").replaceAll(".*filename=\"([^\"]+)\".*", "$1");
        assertThat(fileName).matches("UD_SA_\\d{8}T\\d{6}Z\\.tar\\.gz");
        SlpUpstream.BundleAnswer answer = lab.emulator().slp().answerBundle(download.asByteArray(), fileName);
        assertThat(answer.fileName()).isEqualTo("ACK_" + fileName);

        JsonPath imported = api.asAdmin().contentType("application/gzip").body(answer.bundle())
                .post("/api/v1/usage/offline-acks").then().statusCode(200).extract().jsonPath();

        assertThat(imported.getInt("reportsAcknowledged")).isGreaterThanOrEqualTo(2);
        assertThat(acknowledgements.ackFileFor(device.id)).isPresent();
    }

    @Test
    void anAcknowledgementBundleWithATamperedDocumentChangesNothing() throws Exception {
        Device device = aDevice();
        device.reports(1);
        byte[] bundle = api.asAdmin().post("/api/v1/usage/offline-bundle").then().statusCode(200).extract().asByteArray();
        byte[] answer = lab.emulator().slp().answerBundle(bundle, null).bundle();
        byte[] tampered = tamper(answer);
        String before = DatabaseFingerprint.of(dataSource);

        api.asAdmin().contentType("application/gzip").body(tampered).post("/api/v1/usage/offline-acks").then()
                .statusCode(422).body("type", endsWith("/usage-ack-not-trusted"));

        assertThat(DatabaseFingerprint.of(dataSource)).isEqualTo(before);
        assertThat(acknowledgements.ackFileFor(device.id)).isEmpty();
    }

    @Test
    void somethingThatIsNotAnAcknowledgementBundleIsRefusedAndChangesNothing() {
        String before = DatabaseFingerprint.of(dataSource);

        api.asAdmin().contentType("application/gzip").body("not a bundle".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/usage/offline-acks").then().statusCode(422)
                .body("type", endsWith("/usage-bundle-invalid")).body("detail", org.hamcrest.Matchers.containsString("not a gzip file"));

        assertThat(DatabaseFingerprint.of(dataSource)).isEqualTo(before);
    }

    @Test
    void theSyncFileCarriesReportsUpAndAcknowledgementsDown() {
        Device device = aDevice();
        device.reports(2);

        UpstreamEmulator.Answered answered = lab.syncByFile(api, "standard");

        assertThat(answered.response().usageAcknowledgements()).anySatisfy(a -> assertThat(a.serial()).isEqualTo(device.id.serialNumber()));
        byte[] stored = acknowledgements.ackFileFor(device.id).orElseThrow().ackBytes();
        String document = answered.response().usageAcknowledgements().stream()
                .filter(a -> a.serial().equals(device.id.serialNumber())).findFirst().orElseThrow().document();
        assertThat(stored).isEqualTo(Base64.getDecoder().decode(document));
    }

    @Test
    void anAuthorisationRequestGoesUpOnlineAndItsCodeComesBackForTheDevice() throws Exception {
        Device device = aDevice();
        device.reports(1);
        long requestId = authorizationRequests.record(new AuthorizationRequests.NewRequest(device.id,
                "{\"sudi\":{},\"keys\":[\"hseck9\"]}", List.of(new AuthorizationRequests.Entitlement(UpstreamLab.C9300_ESSENTIALS, 1)),
                null, null, "sw-slac"), ReportSource.FILE, campusId());

        report();
        report();
        report();

        AuthorizationRequests.RequestView view = authorizationRequests.ofDevice(device.id).stream()
                .filter(r -> r.id() == requestId).findFirst().orElseThrow();
        assertThat(view.state()).isEqualTo("ANSWERED");
        var code = SlpDocuments.verifyAuthorization(view.code(), lab.emulator().caCertificate(), TestClock.CLOCK.instant());
        assertThat(code.data().requestId()).isEqualTo(String.valueOf(requestId));
        assertThat(code.data().authorizations()).singleElement()
                .satisfies(c -> assertThat(c.entitlement()).isEqualTo(UpstreamLab.C9300_ESSENTIALS));
    }

    @Test
    void anAcknowledgementForADeviceThatNeverReportedHereIsRefusedAndChangesNothing() {
        Device stranger = aDevice();
        long end = TestClock.CLOCK.instant().getEpochSecond() - 3600;
        RumReport report = stranger.writer.write(end, UpstreamLab.C9300_ESSENTIALS, List.of(new RumReport.Measurement(end - 60, end, 1)), end);
        byte[] bundle = UsageBundles.write(new UsageBundles.UsageBundle(UpstreamLab.SMART_ACCOUNT, TestClock.CLOCK.instant(),
                List.of(new UsageBundles.VirtualAccountUsage(UpstreamLab.CAMPUS, List.of(new UsageBundles.DeviceUsage(
                        new io.licensesatellite.sync.file.slp.Sudi(stranger.id.pid(), stranger.id.serialNumber()), null, null,
                        List.of(new UsageBundles.RumReport(end, report.payload(), "{\"signing_type\":\"builtin\"}")), List.of()))))),
                "elsewhere");
        byte[] answer = lab.emulator().slp().answerBundle(bundle, null).bundle();
        String before = DatabaseFingerprint.of(dataSource);

        api.asAdmin().contentType("application/gzip").body(answer).post("/api/v1/usage/offline-acks").then()
                .statusCode(422).body("type", endsWith("/usage-ack-unknown-report"))
                .body("detail", org.hamcrest.Matchers.containsString(stranger.udi()));

        assertThat(DatabaseFingerprint.of(dataSource)).isEqualTo(before);
    }

    @Test
    void theClientSecretIsNeverShownAndAPlainHttpUrlIsRefused() {
        api.asAdmin().get("/api/v1/usage/upstream-settings").then().statusCode(200)
                .body("clientSecretSet", equalTo(true)).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("clientSecret")));

        api.asAdmin().contentType("application/json").body(Map.of("tokenUrl", "http://127.0.0.1/as/token.oauth2"))
                .put("/api/v1/usage/upstream-settings").then().statusCode(400)
                .body("type", endsWith("/validation")).body("detail", org.hamcrest.Matchers.notNullValue());
        api.asAdmin().get("/api/v1/usage/upstream-settings").then().body("tokenUrl", endsWith("/as/token.oauth2"))
                .body("tokenUrl", org.hamcrest.Matchers.startsWith("https://"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private JsonPath report() {
        return api.asAdmin().post("/api/v1/usage/upstream/report").then().statusCode(200).extract().jsonPath();
    }

    private byte[] emulatorsAcknowledgementFor(Device device) {
        return lab.emulator().slp().ledger().polls().stream().flatMap(p -> p.acknowledgements().stream())
                .filter(a -> a.sudi().serial().equals(device.id.serialNumber())).map(a -> Base64.getDecoder().decode(a.smartLicense()))
                .reduce((a, b) -> b).orElseThrow();
    }

    private long campusId() {
        return api.asAdmin().get("/api/v1/virtual-accounts").then().extract().jsonPath()
                .getLong("items.find { it.name == '" + UpstreamLab.CAMPUS + "' }.id");
    }

    private Device aDevice() {
        return new Device(SlpIdentity.aSwitch("FOC" + UUID.randomUUID().toString().substring(0, 8).toUpperCase()), campusId());
    }

    /** A simulated policy device whose reports go into the satellite's Campus VA. */
    final class Device {
        final SlpIdentity identity;
        final DeviceId id;
        final long vaId;
        final RumReportWriter writer;
        final List<Long> reportIds = new ArrayList<>();

        Device(SlpIdentity identity, long vaId) {
            this.identity = identity;
            this.id = new DeviceId(identity.pid(), identity.serialNumber());
            this.vaId = vaId;
            this.writer = new RumReportWriter(identity, ("key-" + identity.serialNumber()).getBytes(StandardCharsets.UTF_8), false);
        }

        String udi() {
            return "PID:" + id.pid() + ",SN:" + id.serialNumber();
        }

        void reports(int n) {
            long end = TestClock.CLOCK.instant().getEpochSecond() - 3600;
            for (int i = 0; i < n; i++) {
                long reportId = end * 10 + i;
                RumReport report = writer.write(reportId, UpstreamLab.C9300_ESSENTIALS,
                        List.of(new RumReport.Measurement(end - 86_400, end, 1 + i)), end);
                ingest.ingest(IngestSource.file(vaId, id, identity.hostname(), "test"),
                        RumInput.raw(report.wrapperJson().getBytes(StandardCharsets.UTF_8)));
                reportIds.add(reportId);
            }
        }
    }

    /** The acknowledgement bundle with one byte of one acknowledgement's data changed (signature left as it was). */
    private static byte[] tamper(byte[] answer) throws Ustar.ArchiveRefused {
        List<Ustar.Entry> outer = Ustar.gunzip(answer, UsageBundles.OUTER);
        List<Ustar.Entry> changed = new ArrayList<>();
        for (Ustar.Entry entry : outer) {
            if (entry.name().startsWith("ACK_UD_VA_")) {
                List<Ustar.Entry> inner = new ArrayList<>();
                for (Ustar.Entry file : Ustar.gunzip(entry.content(), UsageBundles.INNER)) {
                    String text = new String(file.content(), StandardCharsets.UTF_8);
                    inner.add(new Ustar.Entry(file.name(), text.replaceFirst("\"nonce\":\"", "\"nonce\":\"9")
                            .getBytes(StandardCharsets.UTF_8)));
                }
                changed.add(new Ustar.Entry(entry.name(), Ustar.gzip(inner)));
            } else {
                changed.add(entry);
            }
        }
        return Ustar.gzip(changed);
    }
}
