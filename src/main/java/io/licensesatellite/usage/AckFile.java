package io.licensesatellite.usage;

import java.time.Instant;

/**
 * An acknowledgement ready for a device.
 *
 * @param ackId       the stored acknowledgement (for {@link UsageAcknowledgements#markDelivered})
 * @param ackBytes    the upstream's acknowledgement exactly as it arrived (what the push poll returns, base64)
 * @param policyBytes the policy that came with it, exactly, or null
 * @param importFile  the {@code <smartLicense>} file for {@code license smart import}
 * @param fileName    the name to save it under, {@code ACK_<pid>_<serial>.xml}
 */
public record AckFile(long ackId, DeviceId device, String softwareTag, byte[] ackBytes, byte[] policyBytes,
                      byte[] importFile, String fileName, Instant receivedAt) {}
