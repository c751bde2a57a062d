package io.licensesatellite.protocol.upstream;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The upstream door: the satellite calling out to its upstream for online synchronisation. Where the upstream is,
 * the proxy and the timeouts travel with each {@code UpstreamEndpoint} (they come from the authorization file and
 * the sync settings); only the door's own bounds live here.
 */
@ConfigMapping(prefix = "satellite.upstream-door")
public interface UpstreamDoorConfig {

    /**
     * The largest sync response accepted from the upstream; a bigger answer is refused while it is being read, so a
     * broken or hostile upstream cannot fill the heap. A response of a large account is a few megabytes; the file
     * reader refuses anything over 256M anyway, so 1M to 256M.
     */
    @WithDefault("64M")
    MemorySize maxResponseSize();
}
