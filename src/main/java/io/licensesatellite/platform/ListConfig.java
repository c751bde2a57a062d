package io.licensesatellite.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the admin API's paged lists count what they hold. */
@ConfigMapping(prefix = "satellite.lists")
public interface ListConfig {
    /**
     * How old a list total or dashboard figure may be when it comes from the counts kept in memory (instances per
     * Virtual Account and state, compliance per tag). Counting a million rows on every page would cost more than the
     * page itself; an operator paging a list does not notice a total a few seconds behind. 0 counts on every call.
     */
    @WithDefault("PT5S")
    Duration totalsMaxAge();

    /**
     * The most matches a search that cannot use the kept counts (hostname substring, event filters) counts before it
     * stops: beyond this the total says "at least this many" (header {@code X-Total-Is-Lower-Bound: true}), so a
     * broad search never scans the whole table just to count it.
     */
    @WithDefault("10000")
    int maxCountedMatches();
}
