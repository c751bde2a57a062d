package io.licensesatellite.usage;

/** Where an authorisation (SLAC) request stands. */
public enum AuthorizationState {
    /** Stored, not yet sent upstream. */
    PENDING,
    /** Sent upstream; the correlation says how. */
    SENT,
    /** The upstream answered with a code (stored for delivery to the device). */
    ANSWERED
}
