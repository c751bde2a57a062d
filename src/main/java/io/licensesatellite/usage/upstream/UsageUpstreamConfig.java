package io.licensesatellite.usage.upstream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Sending usage to the upstream's REST API: how often, how much at once, how patiently. */
@ConfigMapping(prefix = "satellite.usage-upstream")
public interface UsageUpstreamConfig {

    /**
     * How often the scheduler sends pending reports and polls for acknowledgements (when the usage upstream is
     * configured). Devices report every 30 days by default and need their acknowledgement within days, so an hour
     * is prompt without chatter.
     */
    @WithDefault("1h")
    Duration every();

    /**
     * The shortest wait between two polls of one send, whatever {@code poll_interval} the upstream asks for: a
     * broken upstream saying 0 is not polled in a tight loop. Tests set 0.
     */
    @WithDefault("60s")
    Duration minPollInterval();

    /** The longest wait honoured: an upstream asking for a day is polled after this anyway. */
    @WithDefault("1h")
    Duration maxPollInterval();

    /** A token is fetched again this long before it expires, so a call never starts with a token about to lapse. */
    @WithDefault("60s")
    Duration tokenRenewBefore();

    /** At most this many batches per run: a backlog of months goes up over a few runs, not in one long one. */
    @WithDefault("20")
    int maxBatchesPerRun();
}
