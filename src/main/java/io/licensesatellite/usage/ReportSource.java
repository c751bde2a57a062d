package io.licensesatellite.usage;

/** How a report reached the satellite. */
public enum ReportSource {
    /** The device pushed it to the push door ({@code /cslu/v1/pi}). */
    PUSH,
    /** The satellite pulled it from the device's REST API. */
    PULL,
    /** An operator uploaded a file the device saved ({@code license smart save usage}). */
    FILE
}
