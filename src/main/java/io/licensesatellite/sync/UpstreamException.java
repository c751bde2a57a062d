package io.licensesatellite.sync;

/**
 * The upstream could not be reached or did not answer with a file.
 *
 * @see #retryable() false when the upstream refused the request itself (a 4xx with its reason): sending the
 *      same thing again will not help
 */
public class UpstreamException extends Exception {
    private final boolean retryable;

    public UpstreamException(String detail, boolean retryable, Throwable cause) {
        super(detail, cause);
        this.retryable = retryable;
    }

    public boolean retryable() { return retryable; }
}
