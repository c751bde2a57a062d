package io.licensesatellite.usage;

/** What became of one report handed to {@link UsageIngest}. */
public sealed interface IngestOutcome {

    /** Stored now, PENDING for the upstream. */
    record Stored(long id, DeviceId device, long reportId) implements IngestOutcome {}

    /** The same report (same device, report id and payload bytes) was stored before; answered as then, stored once. */
    record Duplicate(long id, DeviceId device, long reportId) implements IngestOutcome {}

    /** Not stored; nothing of it was written. */
    record Refused(UsageRefusal reason, String detail) implements IngestOutcome {}

    /** Stored now or before: the device may forget it. */
    default boolean accepted() {
        return !(this instanceof Refused);
    }
}
