package io.licensesatellite.testing;

import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.platform.SatelliteConfig;
import io.licensesatellite.protocol.smartagent.DeviceDoor;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every journey against the running satellite starts from: the admin API as an operator's script, simulated
 * devices on the device door, and a clock back at the present before and after each test.
 */
public abstract class SatelliteJourney {
    @TestHTTPResource(value = "/", tls = true)
    protected URL base;

    @Inject
    protected SatelliteConfig config;

    @Inject
    protected DeviceDoor door;

    protected AdminApi api;
    protected Devices devices;
    protected SmartAgentClient client;

    @BeforeEach
    void prepareJourney() {
        TestClock.CLOCK.set(Instant.now());
        api = new AdminApi(base, config.dataDir());
        devices = new Devices(door.port());
        client = devices.client();
    }

    @AfterEach
    void backToThePresent() {
        TestClock.CLOCK.set(Instant.now());
    }
}
