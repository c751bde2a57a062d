package io.licensesatellite.protocol.cslu;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The policy devices' push door at {@code /cslu/v1/pi} on the device door's port(s) ({@code satellite.cslu.*}). */
@ConfigMapping(prefix = "satellite.cslu")
public interface CsluDoorConfig {

    /**
     * The largest push body. A device's push carries its unacknowledged reports (a few kilobytes each); devices that
     * were cut off for weeks send hundreds at once.
     */
    @WithDefault("8388608")
    int maxBodyBytes();

    /** The {@code poll_interval} told to devices after a usage push: how long they wait before polling for the ACK. */
    @WithDefault("PT5M")
    Duration pollInterval();
}
