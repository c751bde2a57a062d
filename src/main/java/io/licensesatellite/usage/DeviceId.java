package io.licensesatellite.usage;

/** What identifies a policy device: the PID and serial number of its UDI (its SUDI in RUM reports). */
public record DeviceId(String pid, String serialNumber) {
    public DeviceId {
        if (pid == null || pid.isBlank() || serialNumber == null || serialNumber.isBlank()) {
            throw new IllegalArgumentException("A device is identified by a PID and a serial number");
        }
    }

    @Override
    public String toString() {
        return "PID:" + pid + ",SN:" + serialNumber;
    }
}
