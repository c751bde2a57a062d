package io.licensesatellite.usage.pull;

/**
 * Everything the device channel needs to talk to one device, credentials opened. Lives only for one pull, never
 * stored or logged: {@link #toString()} leaves the password out.
 *
 * @param pinnedSha256 the fingerprint to require in PINNED mode; null at the first contact (trust on first use)
 */
public record PullTarget(long deviceId, String address, int port, boolean https, String username, String password,
                         TlsVerification tlsMode, String pinnedSha256, String caPem, Long virtualAccountId) {

    /** {@code https://10.0.0.1:443}: for messages; never carries the credentials. */
    public String url() {
        String host = address.contains(":") ? "[" + address + "]" : address;
        return (https ? "https" : "http") + "://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "PullTarget[" + deviceId + " " + url() + " " + tlsMode + "]";
    }
}
