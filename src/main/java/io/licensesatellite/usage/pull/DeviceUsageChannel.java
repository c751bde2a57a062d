package io.licensesatellite.usage.pull;

import java.util.List;

/**
 * What a pull needs from the network, declared here and implemented by the device-pull door
 * ({@code protocol.devicepull}), so this feature knows nothing of HTTP. Both calls block until the device answered
 * or a timeout passed; they never run inside a database transaction.
 */
public interface DeviceUsageChannel {

    /**
     * Closes the device's open reports, then fetches every report it keeps.
     *
     * @return each report wrapper's JSON exactly as the device sent it, and the certificate fingerprint seen
     */
    Fetched fetchReports(PullTarget target) throws DevicePullException;

    /** Imports one file (a RUM acknowledgement, an authorisation code or a policy) into the device. */
    void importFile(PullTarget target, byte[] file) throws DevicePullException;

    /**
     * @param wrappers each element of the {@code usage} array, byte-exact
     * @param peerSha256 lower-case hex SHA-256 of the device's certificate, null over plain HTTP
     */
    record Fetched(List<byte[]> wrappers, String peerSha256) {}
}
