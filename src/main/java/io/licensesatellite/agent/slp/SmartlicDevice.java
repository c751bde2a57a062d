package io.licensesatellite.agent.slp;

import java.time.Instant;
import java.util.List;

/**
 * What the device-side smartlic REST API ({@link SmartlicRestServer}) needs from a simulated Smart Licensing Using
 * Policy device: its reports, and applying an imported file.
 */
public interface SmartlicDevice {

    /** Closes the open reports, as {@code POST /smartlic-service/close-reports} asks. */
    void closeReports();

    /** Every report the device keeps, oldest first. */
    List<Report> reports();

    /**
     * Applies an imported file ({@code <smartLicense>} with a RUM ACK, a policy or an authorisation code).
     *
     * @throws IllegalArgumentException with the device's message when the file is not one it can apply
     */
    void importFile(byte[] file);

    /**
     * @param wrapperJson the signed wrapper ({@code payload}, {@code header}, {@code signature}) as the device sends it
     * @param state OPEN, CLOSED or ACK, as {@code show license rum id all} prints it
     */
    record Report(long id, String state, Instant closedAt, byte[] wrapperJson) {}
}
