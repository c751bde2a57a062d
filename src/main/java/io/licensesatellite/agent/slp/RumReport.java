package io.licensesatellite.agent.slp;

import java.util.List;

/**
 * One usage report the simulated device wrote, signed.
 *
 * @param payload     the payload JSON string, exactly as signed
 * @param wrapperJson the wrapper {@code {"payload":..., "header":..., "signature":...}} as the device sends it
 */
public record RumReport(long reportId, String entitlementTag, List<Measurement> measurements, String payload,
                        String wrapperJson) {

    /** A count of the tag over an interval (epoch seconds). */
    public record Measurement(long startTime, long endTime, long count) {}
}
