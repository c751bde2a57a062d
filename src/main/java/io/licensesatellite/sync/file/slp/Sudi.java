package io.licensesatellite.sync.file.slp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A device's secure UDI as Smart Licensing Using Policy names it: PID and serial number. */
public record Sudi(@JsonProperty("udi_pid") String pid, @JsonProperty("udi_serial_number") String serial) {

    /** {@code PID:<pid>,SN:<serial>}, the UDI as devices print it. */
    public String udi() {
        return "PID:" + pid + ",SN:" + serial;
    }
}
