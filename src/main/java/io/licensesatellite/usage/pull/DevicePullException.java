package io.licensesatellite.usage.pull;

/** A pull that ended early, with the result an operator sees and a message without secrets. */
public class DevicePullException extends Exception {
    private final PullResult result;

    public DevicePullException(PullResult result, String message) {
        super(message);
        this.result = result;
    }

    public DevicePullException(PullResult result, String message, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    public PullResult result() {
        return result;
    }
}
