package io.licensesatellite.platform;

import java.util.List;

/**
 * A feature that raises alerts. The alerts endpoint collects every source, so features add theirs without the one
 * that serves the endpoint knowing them. Computed when asked, from the current state and the clock: an alert
 * disappears as soon as its cause does.
 */
public interface AlertSource {
    List<Alert> openAlerts();
}
