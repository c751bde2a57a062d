package io.licensesatellite.protocol.smartagent;

import java.nio.charset.StandardCharsets;

/** What the door sends back for one HTTP request, independent of the HTTP server that carries it. */
public record DoorReply(int status, String contentType, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
