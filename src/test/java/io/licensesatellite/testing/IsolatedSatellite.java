package io.licensesatellite.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Map;

/**
 * A satellite of its own for tests that call every endpoint, so their side effects reach no other test. It sends
 * its audit log to a syslog receiver on 127.0.0.1 that a test binds ({@link #syslogReceiver()}).
 */
public class IsolatedSatellite implements QuarkusTestProfile {
    private static final String PORT_PROPERTY = "test.isolated-satellite.syslog-port";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("satellite.name", "isolated-satellite",
                "satellite.audit.syslog.host", "127.0.0.1",
                "satellite.audit.syslog.port", String.valueOf(syslogPort()),
                "satellite.audit.syslog.protocol", "udp");
    }

    /**
     * A free UDP port on 127.0.0.1, the same for every class loader of the test run (the profile is read by another
     * loader than the test's), kept in a system property. A test binds it with {@link #syslogReceiver()}.
     */
    public static synchronized int syslogPort() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = String.valueOf(probe.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    public static DatagramSocket syslogReceiver() {
        try {
            DatagramSocket socket = new DatagramSocket(syslogPort(), InetAddress.getLoopbackAddress());
            socket.setReceiveBufferSize(4 << 20);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
