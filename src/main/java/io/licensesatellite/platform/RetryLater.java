package io.licensesatellite.platform;

/** A refusal the client may retry after a number of seconds; rendered with a {@code Retry-After} header. */
public class RetryLater extends SatelliteException {
    private final long seconds;

    public RetryLater(ErrorKind kind, String detail, long seconds) {
        super(kind, detail);
        this.seconds = Math.max(1, seconds);
    }

    @Override
    public Long retryAfterSeconds() { return seconds; }
}
