package io.licensesatellite.devices;

/** A device's Unique Device Identifier. The UUID is optional; PID and serial number identify the device. */
public record Udi(String pid, String serialNumber, String uuid) {
    @Override
    public String toString() {
        return "PID:" + pid + ",SN:" + serialNumber + (uuid == null || uuid.isEmpty() ? "" : ",UUID:" + uuid);
    }
}
