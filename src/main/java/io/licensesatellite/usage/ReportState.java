package io.licensesatellite.usage;

/** Where a stored RUM report stands on its way upstream. */
public enum ReportState {
    /** Stored, not yet sent upstream. */
    PENDING,
    /** Sent upstream (online, in a file or in the sync), no acknowledgement yet; the correlation says how. */
    SENT,
    /** The upstream acknowledged it; the acknowledgement is stored for the device. */
    ACKNOWLEDGED
}
