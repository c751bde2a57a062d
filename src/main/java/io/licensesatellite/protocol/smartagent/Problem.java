package io.licensesatellite.protocol.smartagent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesatellite.platform.ErrorKind;
import java.nio.charset.StandardCharsets;

/**
 * An RFC 9457 problem for messages the door cannot answer with a signed reply. The detail names what
 * is wrong with the message and never carries internals.
 */
record Problem(String type, String title, int status, String detail) {
    static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(ErrorKind kind, String detail) {
        return new Problem(kind.typeUri(), kind.title(), kind.status(), detail);
    }

    static Problem methodNotAllowed() {
        return new Problem("https://license-satellite.io/problems/method-not-allowed",
                "This method is not allowed here.", 405, "Device requests are sent with POST.");
    }

    DoorReply reply() {
        ObjectNode body = WireJson.object();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return new DoorReply(status, MEDIA_TYPE, WireJson.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
