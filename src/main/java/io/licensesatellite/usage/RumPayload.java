package io.licensesatellite.usage;

import java.util.List;

/**
 * What the satellite reads from a RUM payload (protocol-facts B3). The payload itself is stored as received; this is
 * only the parsed view used to check it and to count usage.
 *
 * @param version         "2.0", or null for the 17.6 form (report_id in meta)
 * @param reportId        the device's report id, unique per device
 * @param device          the device from {@code asset_identification.instance.sudi}
 * @param softwareTag     {@code asset_identification.asset.name}, or null
 * @param softwareVersion {@code meta.software_version}, or null
 */
public record RumPayload(String version, long reportId, DeviceId device, String softwareTag, String softwareVersion,
                         List<Measurement> measurements) {

    /** One measurement: an entitlement tag's count over an interval (epoch seconds, UTC). */
    public record Measurement(String tag, long startSeconds, long endSeconds, long count, int samples) {}
}
