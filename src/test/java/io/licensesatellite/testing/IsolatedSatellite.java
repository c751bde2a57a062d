package io.licensesatellite.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Map;

/**
 * A satellite of its own for tests that call every endpoint, so their side effects reach no other test. It sends
 * its audit log to a syslog receiver on 127.0.0.1 that the tests read ({@link #SYSLOG}).
 */
public class IsolatedSatellite implements QuarkusTestProfile {
    /** Bound before the satellite starts, so its port can be configured. */
    public static final DatagramSocket SYSLOG = open();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("satellite.name", "isolated-satellite",
                "satellite.audit.syslog.host", "127.0.0.1",
                "satellite.audit.syslog.port", String.valueOf(SYSLOG.getLocalPort()),
                "satellite.audit.syslog.protocol", "udp");
    }

    private static DatagramSocket open() {
        try {
            DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.setReceiveBufferSize(4 << 20);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
