package io.licensesatellite.protocol.cslu;

import io.licensesatellite.usage.AuthorizationRequests;
import io.licensesatellite.usage.DeviceId;
import java.util.List;

/**
 * A {@code <smartLicense>} file a device saved (protocol-facts B3): system info, RUM reports (each wrapper's bytes as
 * in its CDATA), and SLAC requests.
 *
 * @param device   the device of {@code smartLicenseSystemInfo} ({@code sudi}), or null when it names none
 * @param hostname its host name, or null
 */
public record SmartLicenseFile(DeviceId device, String hostname, List<byte[]> rumReports,
                               List<AuthorizationRequests.NewRequest> authorizationRequests) {}
