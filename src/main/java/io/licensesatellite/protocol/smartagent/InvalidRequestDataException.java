package io.licensesatellite.protocol.smartagent;

/**
 * A readable, signed request whose {@code request_data} breaks a field rule. Unlike a
 * {@link MalformedMessageException} the device gets a signed {@code LS_INVALID_DATA} reply naming the field.
 */
final class InvalidRequestDataException extends RuntimeException {
    InvalidRequestDataException(String detail) {
        super(detail, null, false, false);
    }
}
