package io.licensesatellite.usage.pull;

import java.time.Instant;

/**
 * How one pull of one device went.
 *
 * @param error what went wrong, for the operator; null when the result is OK
 * @param fingerprint the device certificate's SHA-256 seen in this pull (null over HTTP or when no handshake finished)
 */
public record PullOutcome(long deviceId, String address, int port, PullResult result, String error, int reportsFetched,
                          int reportsStored, int duplicates, int refused, int acksImported, String udi,
                          String fingerprint, Instant pulledAt) {

    static PullOutcome failed(PullTarget target, PullResult result, String error, Instant at) {
        return new PullOutcome(target.deviceId(), target.address(), target.port(), result, error, 0, 0, 0, 0, 0, null, null, at);
    }
}
