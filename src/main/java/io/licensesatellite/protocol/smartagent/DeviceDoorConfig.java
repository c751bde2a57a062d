package io.licensesatellite.protocol.smartagent;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The device door: its own HTTPS server, apart from the admin door. */
@ConfigMapping(prefix = "satellite.device-door")
public interface DeviceDoorConfig {

    /** The address to bind; all interfaces by default, since devices reach the satellite from anywhere in the network. */
    @WithDefault("0.0.0.0")
    String host();

    /**
     * The HTTPS port. Devices expect 443 on the appliance; 8444 in development because binding below 1024 needs
     * privileges. 0 picks a free port (tests).
     */
    @WithDefault("8444")
    int port();

    Tls tls();

    /**
     * The host name devices use to reach the door, as the console prints it in the device URLs and configuration
     * lines. It must match the door certificate's CN or a SAN, and devices must resolve it. When absent, the console
     * uses the host name the operator reached the admin door with.
     */
    Optional<String> publicHost();

    /**
     * A plain-HTTP port for devices that still use the deprecated {@code http://} Call Home destination (port 80 on
     * the appliance). Off unless set: it carries registration tokens in clear text.
     */
    Optional<Integer> plainHttpPort();

    /** The largest request body accepted. A device message is a few kilobytes; anything near this limit is not one. */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** How long a kept-alive connection may stay silent before it is closed, freeing the socket. */
    @WithDefault("PT60S")
    Duration idleTimeout();

    interface Tls {
        /** HTTPS on the main port. Off only for a lab behind a TLS-terminating proxy. */
        @WithDefault("true")
        boolean enabled();

        /**
         * PEM certificate (chain) of the door. When absent, {@code <data-dir>/tls/device.crt}, created self-signed on
         * first start; devices check the host against its CN/SAN, so operators should install their own.
         */
        Optional<String> certificateFile();

        /** PEM private key matching the certificate; when absent, {@code <data-dir>/tls/device.key}. */
        Optional<String> keyFile();
    }
}
