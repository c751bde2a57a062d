package io.licensesatellite.usage.pull;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Pulling usage reports from Smart Licensing Using Policy devices (pull mode). */
@ConfigMapping(prefix = "satellite.usage.pull")
public interface PullConfig {

    /**
     * How often each enabled device is pulled. A day keeps the satellite's view fresh without loading devices; the
     * shortest policy a device may have asks for reports within days, not hours.
     */
    @WithDefault("P1D")
    Duration interval();

    /**
     * How many devices are pulled at once. Each pull holds one thread while it waits on its device, so a few silent
     * devices slow a run down but cannot stop it; eight keeps a 2-core appliance responsive.
     */
    @WithDefault("8")
    int concurrency();

    /** How long a TCP connection (and then the TLS handshake) to a device may take; devices on a LAN answer in ms. */
    @WithDefault("5S")
    Duration connectTimeout();

    /**
     * How long one request may take once connected, the whole answer read. {@code all-reports} of a device that
     * kept many reports is the slow one.
     */
    @WithDefault("30S")
    Duration requestTimeout();

    /**
     * The largest answer read from a device; a bigger one ends the pull as BAD_RESPONSE. A device holding a
     * thousand unacknowledged reports answers a few megabytes.
     */
    @WithDefault("16M")
    MemorySize maxResponseSize();

    /** After this many failed pulls in a row, the device shows in the alerts as PULL_DEVICE_FAILING. */
    @WithDefault("3")
    int failingAfter();
}
