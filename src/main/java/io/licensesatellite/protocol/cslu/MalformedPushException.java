package io.licensesatellite.protocol.cslu;

/** A push body that cannot be read at all; the detail names the field. */
final class MalformedPushException extends Exception {
    MalformedPushException(String detail) {
        super(detail, null, false, false);
    }
}
