package io.licensesatellite.usage.pull;

import java.time.Instant;
import java.util.List;

/** The acknowledgements (and authorisation codes) waiting to be delivered to a device, kept by the usage store. */
public interface AckSource {

    /** Files recorded for this device and not delivered yet, oldest first. */
    List<PendingFile> pendingFor(String udi);

    /** Marks a file delivered, so the next pull does not import it again. */
    void markDelivered(PendingFile file, Instant at);

    /** @param key what the store needs to find the file again; {@code kind} is ACK or SLAC, for the operator */
    record PendingFile(String key, String kind, byte[] content) {}
}
