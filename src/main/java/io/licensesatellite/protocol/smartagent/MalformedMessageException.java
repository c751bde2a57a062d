package io.licensesatellite.protocol.smartagent;

/**
 * A message that cannot be parsed at all, so no signed reply can be addressed to its sender. The
 * message is safe to show to the client: it names the field or construct at fault, never internals.
 */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String detail) {
        super(detail, null, false, false);
    }
}
