package io.licensesatellite.agent.slp;

/**
 * Who a simulated policy device is: its UDI (PID and serial, its SUDI in reports), the software tag it reports
 * under, its host name and software version.
 */
public record SlpIdentity(String pid, String serialNumber, String softwareTag, String hostname, String softwareVersion) {

    /** A Catalyst 9300 with the 17.9.2 software tag shape of protocol-facts B3. */
    public static SlpIdentity aSwitch(String serialNumber) {
        return new SlpIdentity("C9300-24T", serialNumber,
                "regid.2017-03.com.cisco.IOSXE,1.0_" + java.util.UUID.nameUUIDFromBytes(serialNumber.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "sw-" + serialNumber.toLowerCase(java.util.Locale.ROOT), "17.09.02");
    }

    /** The {@code sudi} object as devices write it. */
    public String sudiJson() {
        return "{\"udi_pid\":" + RumJson.quote(pid) + ",\"udi_serial_number\":" + RumJson.quote(serialNumber) + "}";
    }
}
