package io.licensesatellite.agent;

import java.io.IOException;

/** Carries one device message to the satellite and its answer back: HTTPS normally, in memory in tests. */
@FunctionalInterface
public interface AgentTransport {

    Response post(String contentType, byte[] body) throws IOException;

    record Response(int status, String contentType, byte[] body) {}
}
