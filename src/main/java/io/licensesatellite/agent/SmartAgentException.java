package io.licensesatellite.agent;

/**
 * A device message that got no usable answer: the satellite could not be reached, answered with an HTTP
 * error, or answered something the device must not trust. A signed failure reply is not an exception but a
 * {@link AgentReply.Failure}.
 */
public final class SmartAgentException extends RuntimeException {

    public enum Kind {
        /** No answer: connection refused, TLS failure, time-out. The device retries on its timers. */
        COMMUNICATION,
        /** An HTTP error (problem+json): the satellite could not parse the message. */
        HTTP_ERROR,
        /** An answer that is not a well-formed reply to this request. */
        BAD_REPLY,
        /** A reply whose signature or signer certificate does not verify: never act on it. */
        UNTRUSTED_REPLY
    }

    private final Kind kind;
    private final int httpStatus;

    public SmartAgentException(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    public SmartAgentException(Kind kind, String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#HTTP_ERROR}, else 0. */
    public int httpStatus() {
        return httpStatus;
    }
}
