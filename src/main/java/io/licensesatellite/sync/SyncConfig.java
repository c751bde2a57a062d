package io.licensesatellite.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Synchronisation with the upstream ({@code satellite.sync.*}). Schedule, URL and proxy are set in the admin API. */
@ConfigMapping(prefix = "satellite.sync")
public interface SyncConfig {

    /** Largest response or authorization file accepted (bytes); checked before anything else is read. */
    @WithDefault("67108864")
    long maxFileBytes();

    /** Synchronisation is due this long after the last one that brought licences down (the vendor says 30 days). */
    @WithDefault("P30D")
    Duration dueAfter();

    /** Warn this long before synchronisation is due. */
    @WithDefault("P7D")
    Duration dueWarning();

    /** Ask the upstream for a renewed identity certificate in every request once it has less than this left. */
    @WithDefault("P60D")
    Duration certificateRenewBefore();

    /** Warn this long before the identity certificate expires (it has not been renewed by then: sync!). */
    @WithDefault("P30D")
    Duration certificateWarning();

    /** Online sync: connecting to the upstream (or the proxy). */
    @WithDefault("PT15S")
    Duration connectTimeout();

    /** Online sync: the whole exchange, the upstream's work included. */
    @WithDefault("PT5M")
    Duration exchangeTimeout();

    /** Online sync retries after a failure that may pass (network, upstream busy). */
    Retry retry();

    interface Retry {
        /** First wait after a failure; doubles each time. */
        @WithDefault("PT1M")
        Duration initialDelay();

        /** Longest wait between two attempts. */
        @WithDefault("PT1H")
        Duration maxDelay();

        /** Consecutive failed attempts before waiting for the next scheduled run. */
        @WithDefault("8")
        int maxAttempts();
    }
}
