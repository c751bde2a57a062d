package io.licensesatellite.usage.pull;

import java.time.Instant;

/**
 * A pulled device as the operator sees it: never the password. {@code warning} says when its certificate is not
 * verified at all.
 */
public record PullDeviceView(long id, String address, int port, String scheme, String username, Long virtualAccountId,
                             String virtualAccount,
                             String tlsMode, String fingerprint, boolean caConfigured, boolean enabled, String udi,
                             Instant lastPulledAt, String lastResult, String lastError, int reportsFetched,
                             int reportsStored, int acksImported, int consecutiveFailures, String warning) {

    static PullDeviceView of(PullDevice d, String virtualAccount) {
        String warning = null;
        if (d.tlsMode == TlsVerification.INSECURE) {
            warning = "The device's certificate is not verified: anyone in between can read its credentials";
        } else if (!"https".equals(d.scheme)) {
            warning = "Plain HTTP: the device's credentials and reports cross the network unencrypted";
        }
        return new PullDeviceView(d.id, d.address, d.port, d.scheme, d.username, d.virtualAccountId, virtualAccount, d.tlsMode.name(),
                d.pinnedSha256, d.caPem != null, d.enabled, d.udi, d.lastPulledAt,
                d.lastResult == null ? null : d.lastResult.name(), d.lastError, d.reportsFetched, d.reportsStored,
                d.acksImported, d.consecutiveFailures, warning);
    }
}
