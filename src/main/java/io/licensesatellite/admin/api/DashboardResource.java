package io.licensesatellite.admin.api;

import io.licensesatellite.accounts.ComplianceSummary;
import io.licensesatellite.devices.InstanceState;
import io.licensesatellite.devices.ProductInstances;
import io.licensesatellite.platform.CachedFigure;
import io.licensesatellite.platform.CachedFigures;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import io.licensesatellite.sync.SyncOverview;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Console", description = "Figures the admin console shows")
public class DashboardResource {
    static final int ALERTS_SHOWN = 5;

    private final ProductInstances instances;
    private final CachedFigure<List<ComplianceSummary.AccountFigures>> compliance;
    private final SyncOverview sync;
    private final CertificateInventory certificates;
    private final io.licensesatellite.platform.OpenAlerts openAlerts;
    private final io.licensesatellite.platform.VisibleAccounts visible;

    public DashboardResource(ProductInstances instances, ComplianceSummary compliance, CachedFigures figures,
                             SyncOverview sync, CertificateInventory certificates,
                             io.licensesatellite.platform.OpenAlerts openAlerts,
                             io.licensesatellite.platform.VisibleAccounts visible) {
        this.openAlerts = openAlerts;
        this.visible = visible;
        this.instances = instances;
        this.compliance = figures.of(compliance::all);
        this.sync = sync;
        this.certificates = certificates;
    }

    /** @param devicesByState every state, zero included, by its API name (REGISTERED, AUTHORIZED, ...) */
    public record Dashboard(Map<String, Long> devicesByState, List<ComplianceSummary.AccountFigures> compliance,
                            SyncOverview.Summary sync, List<Certificate> certificates, Alerts alerts) {}

    public record Certificate(String name, String subject, Instant notAfter, long daysLeft) {}

    public record Alerts(int count, List<io.licensesatellite.platform.Alert> items) {}

    @GET
    @Requires(Permission.READ)
    @Operation(summary = "Devices per state, compliance per account and tag, sync status, certificate expiry and the"
            + " first alerts; counts and compliance may be a few seconds old (satellite.lists.totals-max-age)")
    public Dashboard dashboard() {
        Map<String, Long> byState = new LinkedHashMap<>();
        instances.countsByState().forEach((InstanceState state, Long n) -> byState.put(state.name(), n));
        List<io.licensesatellite.platform.Alert> alerts = openAlerts.all();
        List<ComplianceSummary.AccountFigures> visibleCompliance = compliance.get().stream()
                .filter(account -> visible.canSee(account.virtualAccountId())).toList();
        return new Dashboard(byState, visibleCompliance, sync.summary(),
                certificates.all().stream().map(c -> new Certificate(c.name(), c.subject(), c.notAfter(), c.daysLeft())).toList(),
                new Alerts(alerts.size(), alerts.subList(0, Math.min(ALERTS_SHOWN, alerts.size()))));
    }
}
