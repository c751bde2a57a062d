package io.licensesatellite.devices;

/** A product instance's state on the satellite, named as devices print it. */
public enum InstanceState {
    /** Registered, no authorisation asked yet. */
    REGISTERED("REGISTERED"),
    AUTHORIZED("AUTHORIZED"),
    OUT_OF_COMPLIANCE("OUT OF COMPLIANCE"),
    /** Silent for longer than the authorisation validity: its licences went back to the pool. */
    AUTHORIZATION_EXPIRED("AUTHORIZATION EXPIRED"),
    /**
     * A Smart Licensing Using Policy device, known from its usage reports: it never registers, holds no ID certificate
     * and reserves no licences; it reports usage and waits for acknowledgements.
     */
    REPORTING("REPORTING");

    private final String displayName;

    InstanceState(String displayName) { this.displayName = displayName; }

    public String displayName() { return displayName; }
}
