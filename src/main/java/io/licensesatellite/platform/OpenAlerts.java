package io.licensesatellite.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every feature's open alerts in one list, critical ones first, so the alerts endpoint and the dashboard agree. */
@ApplicationScoped
public class OpenAlerts {
    private final Instance<AlertSource> sources;

    public OpenAlerts(@Any Instance<AlertSource> sources) {
        this.sources = sources;
    }

    public List<Alert> all() {
        List<Alert> alerts = new ArrayList<>();
        for (AlertSource source : sources) {
            alerts.addAll(source.openAlerts());
        }
        alerts.sort(Comparator.comparing((Alert a) -> "CRITICAL".equals(a.severity()) ? 0 : 1));
        return alerts;
    }
}
