package io.licensesatellite.protocol.smartagent;

import io.vertx.ext.web.Router;

/**
 * Routes another door adds to the device door's server (the policy push door at {@code /cslu/v1/pi}), so devices of
 * both kinds reach one port, one certificate, and the same plain-HTTP setting.
 */
public interface AdditionalDoorRoutes {
    void addTo(Router router);

    /** Paths for the log line and the 404 hint. */
    String describe();
}
