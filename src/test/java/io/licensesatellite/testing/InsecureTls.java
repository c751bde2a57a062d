package io.licensesatellite.testing;

import io.licensesatellite.agent.AgentTls;
import javax.net.ssl.SSLContext;

/** Tests talk to a satellite whose self-signed certificate they have not pinned; labs only, as the simulator says. */
public final class InsecureTls {
    private InsecureTls() {}

    public static SSLContext context() {
        return AgentTls.insecure();
    }
}
