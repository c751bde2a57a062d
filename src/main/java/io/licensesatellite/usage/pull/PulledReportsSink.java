package io.licensesatellite.usage.pull;

import java.util.List;

/** Where pulled reports go: the usage store, which checks them and keeps them byte-exact. */
public interface PulledReportsSink {

    /**
     * Stores the report wrappers one pull fetched from one device, in their own transaction(s).
     *
     * @param virtualAccountId the VA the operator gave the device, or null
     * @return one outcome per wrapper, in order
     */
    List<Ingested> ingest(List<byte[]> wrappers, Long virtualAccountId, String deviceAddress);

    enum Outcome { STORED, DUPLICATE, REFUSED }

    /**
     * @param udi the device the report names, {@code PID:<pid>,SN:<serial>} (null when refused)
     * @param detail why it was refused, for the operator
     */
    record Ingested(Outcome outcome, String udi, String detail) {}
}
