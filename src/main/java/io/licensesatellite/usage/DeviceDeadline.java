package io.licensesatellite.usage;

import java.time.Instant;
import java.util.List;

/**
 * Where one policy device stands with its reporting duty.
 *
 * @param policy the name of the policy that applies ("CISCO default" when none came with an acknowledgement)
 * @param licenceKinds the kinds of the licences in its latest report, as the policy sees them
 * @param nearest the earlier of the two dates, for sorting; null when the device owes nothing
 */
public record DeviceDeadline(long deviceId, String pid, String serialNumber, long virtualAccountId, String policy,
                             List<String> licenceKinds, Instant firstSeenAt, Instant lastReportAt, Instant lastAckAt,
                             Instant nextReportDue, Instant ackDeadline, Instant nearest) {}
