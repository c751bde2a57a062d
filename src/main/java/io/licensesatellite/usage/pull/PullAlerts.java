package io.licensesatellite.usage.pull;

import io.licensesatellite.platform.Alert;
import io.licensesatellite.platform.AlertSource;
import io.licensesatellite.platform.VisibleAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * PULL_DEVICE_FAILING for each enabled device whose last {@code failing-after} pulls all failed; a successful pull
 * (or disabling the device) clears it. Past {@link #MAX_LISTED} devices the rest are counted in one alert, so a
 * dead subnet does not bury the other alerts.
 */
@ApplicationScoped
public class PullAlerts implements AlertSource {
    static final int MAX_LISTED = 20;

    private final PullDeviceRepository repository;
    private final PullConfig config;
    private final VisibleAccounts visible;

    public PullAlerts(PullDeviceRepository repository, PullConfig config, VisibleAccounts visible) {
        this.repository = repository;
        this.config = config;
        this.visible = visible;
    }

    /** Only the devices the caller may see: a limited viewer's alerts name no device of another VA. */
    @Override
    @Transactional
    public List<Alert> openAlerts() {
        List<PullDevice> failing = repository.failing(Math.max(1, config.failingAfter())).stream()
                .filter(d -> visible.canSee(d.virtualAccountId)).toList();
        List<Alert> alerts = new ArrayList<>();
        for (PullDevice device : failing.subList(0, Math.min(MAX_LISTED, failing.size()))) {
            alerts.add(new Alert("WARNING", "PULL_DEVICE_FAILING", "Pulling usage from " + device.address + ":" + device.port
                    + " (device " + device.id + ") failed " + device.consecutiveFailures + " times in a row, last: "
                    + device.lastResult + (device.lastError == null ? "" : " (" + device.lastError + ")"), "SATELLITE"));
        }
        if (failing.size() > MAX_LISTED) {
            alerts.add(new Alert("WARNING", "PULL_DEVICE_FAILING", (failing.size() - MAX_LISTED)
                    + " more devices fail to be pulled; list them with GET /api/v1/usage/pull-devices?sort=-lastPulledAt",
                    "SATELLITE"));
        }
        return alerts;
    }
}
