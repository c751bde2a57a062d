package io.licensesatellite.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.slp.RumReport;
import io.licensesatellite.devices.InstanceState;
import io.licensesatellite.devices.ProductInstanceRepository;
import io.licensesatellite.testing.AdminApi;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Ingest: what is stored, what is stored once, and what is refused with which reason. */
@QuarkusTest
class UsageIngestTest {
    @Inject
    UsageIngest ingest;
    @Inject
    UsageQueries queries;
    @Inject
    UpstreamQueue queue;
    @Inject
    ProductInstanceRepository instances;
    @Inject
    io.licensesatellite.platform.SatelliteConfig config;

    @TestHTTPResource(value = "/", tls = true)
    URL base;

    RumFixture device;
    Instant now;

    @BeforeEach
    void setUp() {
        TestClock.CLOCK.set(Instant.now());
        now = TestClock.CLOCK.instant();
        device = RumFixture.aDevice();
    }

    @AfterEach
    void back() {
        TestClock.CLOCK.set(Instant.now());
    }

    IngestOutcome push(RumInput input) {
        return ingest.ingest(IngestSource.push(null, null, null, "127.0.0.1"), input);
    }

    @Test
    void storesAReportWithItsPayloadBytesExactlyAsReceived() {
        // A payload with escapes and non-ASCII text: the stored bytes must be the signed ones, not a re-encoding.
        RumReport report = device.report(7001, "tag \"quoted\" \u00e9\u4e2d\\/", new RumReport.Measurement(
                now.getEpochSecond() - 7200, now.getEpochSecond() - 3600, 3));
        IngestOutcome outcome = push(RumFixture.raw(report));

        assertThat(outcome).isInstanceOf(IngestOutcome.Stored.class);
        long id = ((IngestOutcome.Stored) outcome).id();
        UsageViews.ReportDetail detail = queries.report(id).orElseThrow();
        assertThat(detail.payload().getBytes(StandardCharsets.UTF_8)).isEqualTo(report.payload().getBytes(StandardCharsets.UTF_8));
        assertThat(detail.signature()).isEqualTo(report.wrapperJson().substring(report.wrapperJson().indexOf(",\"signature\":") + 13,
                report.wrapperJson().length() - 1));
        assertThat(detail.report().state()).isEqualTo("PENDING");
        assertThat(detail.measurements()).singleElement().satisfies(m -> {
            assertThat(m.count()).isEqualTo(3);
            assertThat(m.tag()).isEqualTo("tag \"quoted\" \u00e9\u4e2d\\/");
        });
    }

    @Test
    void theSameReportAgainIsStoredOnceAndAnsweredAsADuplicate() {
        RumReport report = device.dayReport(1, 5, now);
        IngestOutcome first = push(RumFixture.raw(report));
        IngestOutcome again = push(RumFixture.raw(report));

        assertThat(again).isInstanceOf(IngestOutcome.Duplicate.class);
        assertThat(((IngestOutcome.Duplicate) again).id()).isEqualTo(((IngestOutcome.Stored) first).id());
        assertThat(reportsOf(device)).isEqualTo(1);
    }

    @Test
    void aDuplicateInsideOneCallIsAlsoStoredOnce() {
        RumReport report = device.dayReport(2, 5, now);
        List<IngestOutcome> outcomes = ingest.ingest(IngestSource.push(null, null, null, "peer"),
                List.of(RumFixture.raw(report), RumFixture.raw(report)));
        assertThat(outcomes.get(0)).isInstanceOf(IngestOutcome.Stored.class);
        assertThat(outcomes.get(1)).isInstanceOf(IngestOutcome.Duplicate.class);
        assertThat(reportsOf(device)).isEqualTo(1);
    }

    @Test
    void aDifferentPayloadUnderTheSameReportIdIsRefusedAsAConflict() {
        push(RumFixture.raw(device.dayReport(3, 5, now)));
        IngestOutcome other = push(RumFixture.raw(device.dayReport(3, 6, now)));

        assertRefused(other, UsageRefusal.CONFLICT);
        assertThat(reportsOf(device)).isEqualTo(1);
    }

    @Test
    void aDeviceSeenForTheFirstTimeBecomesAReportingProductInstanceInTheDefaultVa() {
        push(RumFixture.raw(device.dayReport(4, 1, now)));

        var instance = inTransaction(() -> instances.findByUdi(device.identity.pid(), device.identity.serialNumber()).orElseThrow());
        assertThat(instance.state).isEqualTo(InstanceState.REPORTING);
        assertThat(instance.idCertPem).isNull();
        AdminApi api = new AdminApi(base, config.dataDir());
        String vaName = api.asAdmin().get("/api/v1/virtual-accounts/" + instance.virtualAccountId).then().statusCode(200)
                .extract().path("name");
        assertThat(vaName).isEqualTo("Default");
    }

    @Test
    void aPushTenantNamesTheVaWithOrWithoutItsLocalAccountSuffix() {
        AdminApi api = new AdminApi(base, config.dataDir());
        String name = "Lab VA " + UUID.randomUUID();
        long va = api.createVirtualAccount(name);

        IngestOutcome outcome = ingest.ingest(IngestSource.push(name + "-1", null, null, "peer"),
                RumFixture.raw(device.dayReport(5, 1, now)));
        assertThat(outcome).isInstanceOf(IngestOutcome.Stored.class);
        assertThat(queries.reports(new UsageQueries.ReportFilter(device.identity.pid(), device.identity.serialNumber(), null, null, null),
                0, 10, true).items()).singleElement().satisfies(r -> assertThat(r.virtualAccountId()).isEqualTo(va));

        IngestOutcome unknown = ingest.ingest(IngestSource.push("No such VA-1", null, null, "peer"),
                RumFixture.raw(RumFixture.aDevice().dayReport(5, 1, now)));
        assertRefused(unknown, UsageRefusal.UNKNOWN_VIRTUAL_ACCOUNT);
    }

    @Nested
    class Refusals {
        @Test
        void aPayloadFromAnotherDeviceThanTheSignatureNames() {
            RumReport mine = device.dayReport(10, 1, now);
            RumReport other = RumFixture.aDevice().dayReport(10, 1, now);
            String swapped = other.wrapperJson().substring(0, other.wrapperJson().indexOf(",\"signature\":"))
                    + mine.wrapperJson().substring(mine.wrapperJson().indexOf(",\"signature\":"));
            assertRefused(push(RumFixture.raw(swapped)), UsageRefusal.IDENTITY_MISMATCH);
        }

        @Test
        void aReportFromAnotherDeviceThanTheEnvelopeNames() {
            IngestOutcome outcome = ingest.ingest(IngestSource.push(null, RumFixture.aDevice().id(), null, "peer"),
                    RumFixture.raw(device.dayReport(11, 1, now)));
            assertRefused(outcome, UsageRefusal.IDENTITY_MISMATCH);
            assertThat(reportsOf(device)).isZero();
        }

        @Test
        void aMeasurementEndingLaterThanTheToleranceAllows() {
            long end = now.plus(Duration.ofHours(1)).plusSeconds(60).getEpochSecond();
            assertRefused(push(RumFixture.raw(device.report(12, RumFixture.TAG, new RumReport.Measurement(end - 60, end, 1)))),
                    UsageRefusal.IN_THE_FUTURE);
            long withinTolerance = now.plus(Duration.ofMinutes(50)).getEpochSecond();
            assertThat(push(RumFixture.raw(device.report(13, RumFixture.TAG, new RumReport.Measurement(withinTolerance - 60, withinTolerance, 1)))))
                    .isInstanceOf(IngestOutcome.Stored.class);
        }

        @Test
        void aNegativeCount() {
            assertRefused(push(RumFixture.raw(device.dayReport(14, -1, now))), UsageRefusal.BAD_COUNT);
        }

        @Test
        void aCountThatIsNotAnInteger() {
            String wrapper = device.dayReport(15, 7, now).wrapperJson().replace("\\\"value\\\":\\\"7\\\"", "\\\"value\\\":\\\"7.5\\\"");
            assertRefused(push(RumFixture.raw(wrapper)), UsageRefusal.BAD_COUNT);
        }

        @Test
        void aWrapperThatIsNotJson() {
            assertRefused(push(RumFixture.raw("{\"payload\": ")), UsageRefusal.NOT_JSON);
        }

        @Test
        void aPayloadThatIsNotJson() {
            assertRefused(push(RumFixture.raw("{\"payload\":\"not json\",\"signature\":{}}")), UsageRefusal.NOT_JSON);
        }

        @Test
        void aPayloadOfAnUnknownVersion() {
            String wrapper = device.dayReport(16, 1, now).wrapperJson().replace("\\\"version\\\":\\\"2.0\\\"", "\\\"version\\\":\\\"3.0\\\"");
            assertRefused(push(RumFixture.raw(wrapper)), UsageRefusal.NOT_MODEL);
        }

        @Test
        void tooManyMeasurements() {
            RumReport.Measurement[] many = new RumReport.Measurement[2001];
            long end = now.getEpochSecond() - 3600;
            for (int i = 0; i < many.length; i++) {
                many[i] = new RumReport.Measurement(end - 60, end, 1);
            }
            assertRefused(push(RumFixture.raw(device.report(17, RumFixture.TAG, many))), UsageRefusal.OUT_OF_BOUNDS);
        }

        @Test
        void nothingOfARefusedReportIsStoredWhileTheOthersOfTheCallAre() {
            List<IngestOutcome> outcomes = ingest.ingest(IngestSource.push(null, null, null, "peer"),
                    List.of(RumFixture.raw(device.dayReport(18, -5, now)), RumFixture.raw(device.dayReport(19, 5, now))));
            assertRefused(outcomes.get(0), UsageRefusal.BAD_COUNT);
            assertThat(outcomes.get(1)).isInstanceOf(IngestOutcome.Stored.class);
            assertThat(reportsOf(device)).isEqualTo(1);
        }
    }

    @Test
    void allOrNothingStoresNoneWhenOneIsRefusedAndAllWhenNoneIs() {
        List<IngestOutcome> refused = ingest.ingestAllOrNothing(IngestSource.file(null, null, null, "admin"),
                List.of(RumFixture.raw(device.dayReport(40, 5, now)), RumFixture.raw(device.dayReport(41, -5, now))));
        assertRefused(refused.get(0), UsageRefusal.NOT_STORED_WITH_OTHERS);
        assertRefused(refused.get(1), UsageRefusal.BAD_COUNT);
        assertThat(reportsOf(device)).isZero();

        push(RumFixture.raw(device.dayReport(42, 5, now)));
        List<IngestOutcome> conflict = ingest.ingestAllOrNothing(IngestSource.file(null, null, null, "admin"),
                List.of(RumFixture.raw(device.dayReport(43, 5, now)), RumFixture.raw(device.dayReport(42, 6, now))));
        assertRefused(conflict.get(1), UsageRefusal.CONFLICT);
        assertThat(reportsOf(device)).isEqualTo(1);

        List<IngestOutcome> fine = ingest.ingestAllOrNothing(IngestSource.file(null, null, null, "admin"),
                List.of(RumFixture.raw(device.dayReport(43, 5, now)), RumFixture.raw(device.dayReport(42, 5, now))));
        assertThat(fine).allMatch(IngestOutcome::accepted);
        assertThat(reportsOf(device)).isEqualTo(2);
    }

    @Test
    void theSeventeenSixFormWithTheReportIdInMetaIsAccepted() {
        long end = now.getEpochSecond() - 3600;
        String payload = "{\"asset_identification\":{\"asset\":{\"name\":\"regid.x\"},\"instance\":{\"sudi\":"
                + device.identity.sudiJson() + "}},\"meta\":{\"report_id\":1634567890,\"entitlement_tag\":\"regid.tag\"},"
                + "\"measurements\":[{\"start_time\":" + (end - 60) + ",\"end_time\":" + end
                + ",\"value\":{\"type\":\"COUNT\",\"value\":\"2\"}}]}";
        String wrapper = "{\"payload\":" + JsonText.quote(payload) + ",\"header\":{\"type\":\"rum\"},\"signature\":{\"sudi\":"
                + device.identity.sudiJson() + ",\"signing_type\":\"builtin\",\"key\":\"regid.x\",\"value\":\"AAAA\"}}";
        IngestOutcome outcome = push(RumFixture.raw(wrapper));
        assertThat(outcome).isInstanceOf(IngestOutcome.Stored.class);
        assertThat(((IngestOutcome.Stored) outcome).reportId()).isEqualTo(1634567890L);
        PendingReport pending = queue.pending(100_000).stream().filter(p -> p.device().equals(device.id())).findFirst().orElseThrow();
        assertThat(pending.headerJson()).isEqualTo("{\"type\":\"rum\"}");
        assertThat(pending.wrapperJson()).isEqualTo(wrapper);
    }

    private static void assertRefused(IngestOutcome outcome, UsageRefusal reason) {
        assertThat(outcome).isInstanceOf(IngestOutcome.Refused.class);
        assertThat(((IngestOutcome.Refused) outcome).reason()).as(((IngestOutcome.Refused) outcome).detail()).isEqualTo(reason);
    }

    long reportsOf(RumFixture d) {
        return queries.reports(new UsageQueries.ReportFilter(d.identity.pid(), d.identity.serialNumber(), null, null, null), 0, 10, true).total();
    }

    static <T> T inTransaction(java.util.function.Supplier<T> work) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(work::get);
    }
}
