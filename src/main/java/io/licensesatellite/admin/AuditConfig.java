package io.licensesatellite.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where audit entries go besides the database. */
@ConfigMapping(prefix = "satellite.audit")
public interface AuditConfig {
    Syslog syslog();

    interface Syslog {
        /** The syslog server; absent (the default) sends nothing. */
        Optional<String> host();

        @WithDefault("514")
        int port();

        /** udp (RFC 5426, one datagram per entry) or tcp (RFC 6587 octet-counting framing). */
        @WithDefault("udp")
        String protocol();

        /** A facility name (auth, authpriv, local0..local7, ...) or number; authpriv keeps entries with security logs. */
        @WithDefault("authpriv")
        String facility();

        @WithDefault("license-satellite")
        String appName();

        /** Entries waiting to be sent at most; past that new entries are dropped and counted, never blocking a call. */
        @WithDefault("10000")
        int queueSize();
    }
}
