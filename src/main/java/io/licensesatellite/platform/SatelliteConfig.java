package io.licensesatellite.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings shared by every feature. */
@ConfigMapping(prefix = "satellite")
public interface SatelliteConfig {
    /** Where the database, keys and the initial admin secret live. Relative paths resolve against the working directory. */
    @WithDefault("./data")
    String dataDir();

    /** The satellite's name, shown to devices and written into sync files. */
    @WithDefault("license-satellite")
    String name();

    /** Storage settings; the JDBC URL in application.properties reads them. */
    Storage storage();

    interface Storage {
        /**
         * How long a request waits for a row lock before giving up (milliseconds). A device that waited this long
         * is told to retry ("could not be processed right now") rather than held on a busy database.
         */
        @WithDefault("5000")
        int lockTimeoutMs();
    }
}
