package io.licensesatellite.protocol.smartagent;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code header.request_type} values the door accepts. Ours: only {@code THIRD_PARTY_KEY} is publicly
 * observed (protocol-facts A3), so the names of the life-cycle messages are defined here.
 */
public enum RequestType {
    REGISTER,
    ID_CERT_RENEW,
    AUTH,
    DEREGISTER;

    public static Optional<RequestType> of(String wireName) {
        return Arrays.stream(values()).filter(t -> t.name().equals(wireName)).findFirst();
    }
}
