package io.licensesatellite.usage;

import java.time.Instant;

/**
 * A stored report as the upstream sender needs it.
 *
 * @param id          the satellite's id of the report (for {@link UpstreamQueue#markSent})
 * @param reportId    the device's report id
 * @param wrapperJson the wrapper to forward: the payload string as signed, signature and header as received
 * @param payload     the payload bytes exactly as the device signed them
 */
public record PendingReport(long id, DeviceId device, long virtualAccountId, long reportId, String softwareTag,
                            ReportSource source, Instant receivedAt, String wrapperJson, byte[] payload,
                            String signatureJson, String headerJson, String digest) {}
