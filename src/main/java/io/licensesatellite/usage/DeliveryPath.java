package io.licensesatellite.usage;

/** How an acknowledgement or authorisation code reached the device. */
public enum DeliveryPath {
    /** Answered to the device's poll on the push door. */
    PUSH_POLL,
    /** Imported into the device over its REST API (pull mode). */
    PULL_IMPORT,
    /** Downloaded by an operator as a file for {@code license smart import}. */
    FILE_DOWNLOAD
}
