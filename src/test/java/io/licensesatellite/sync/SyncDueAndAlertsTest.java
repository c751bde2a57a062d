package io.licensesatellite.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.licensesatellite.testing.UpstreamLab;
import io.licensesatellite.upstream.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Synchronisation is due 30 days after the last one; the operator is warned a week before and told when it is late. */
@QuarkusTest
class SyncDueAndAlertsTest extends SatelliteJourney {
    UpstreamLab lab;

    @BeforeEach
    void synced() {
        lab = UpstreamLab.shared();
        lab.ensureRegistered(api);
    }

    @Test
    void dueSoonThenOverdue() {
        lab.syncByFile(api, "standard");
        Instant due = Instant.parse(status().getString("synchronizationDue"));
        assertThat(codes()).doesNotContain("SYNC_DUE_SOON", "SYNC_OVERDUE");

        TestClock.CLOCK.set(due.minus(Duration.ofDays(6)));
        assertThat(codes()).contains("SYNC_DUE_SOON").doesNotContain("SYNC_OVERDUE");

        TestClock.CLOCK.set(due.plusSeconds(1));
        assertThat(codes()).contains("SYNC_OVERDUE").doesNotContain("SYNC_DUE_SOON");
        api.asAdmin().get("/api/v1/alerts").then().statusCode(200)
                .body("items.find { it.code == 'SYNC_OVERDUE' }.severity", org.hamcrest.Matchers.equalTo("CRITICAL"));
    }

    @Test
    void theUpstreamsAlertsAreShownUntilTheNextResponse() {
        String tag = "regid.lab.ending_" + UUID.randomUUID();
        LocalDate soon = LocalDate.ofInstant(TestClock.CLOCK.instant(), ZoneOffset.UTC).plusDays(10);
        lab.setLicense(UpstreamLab.DATA_CENTRE, Accounts.LicenseLine.term(tag, "Ending soon", 1, soon));
        lab.syncByFile(api, "full");
        JsonPath alerts = api.asAdmin().get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(alerts.getList("items.findAll { it.source == 'UPSTREAM' }.message", String.class)).anySatisfy(m -> assertThat(m).contains(tag));

        lab.emulator().saveAccounts(lab.emulator().accounts().withoutLicense(UpstreamLab.SMART_ACCOUNT, UpstreamLab.DATA_CENTRE, tag));
        lab.syncByFile(api, "full");
        assertThat(api.asAdmin().get("/api/v1/alerts").then().extract().jsonPath()
                .getList("items.findAll { it.source == 'UPSTREAM' }.message", String.class)).noneSatisfy(m -> assertThat(m).contains(tag));
    }

    private JsonPath status() {
        return api.asAdmin().get("/api/v1/sync").then().statusCode(200).extract().jsonPath();
    }

    private List<String> codes() {
        return status().getList("alerts.code", String.class);
    }
}
