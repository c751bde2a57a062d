package io.licensesatellite.sync.file.slp;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The {@code <data>} of an authorisation code document (SLAC): the codes one device may install, per entitlement. */
public record AuthorizationData(
        Sudi sudi,
        @JsonProperty("request_id") String requestId,
        List<Code> authorizations,
        long timestamp,
        String nonce) {

    public record Code(String entitlement, int count, @JsonProperty("authorization_code") String authorizationCode) {}
}
