package io.licensesatellite.sync;

import io.licensesatellite.sync.file.SyncType;
import java.time.Instant;

/** Writes history entries; one place so every step records the same fields. */
final class SyncHistory {
    private SyncHistory() {}

    static SyncHistoryEntry record(SyncRepository repository, SyncChannel channel, SyncOperation operation, SyncType type,
                                   Long sequence, SyncResult result, String detail, Instant started, Instant finished,
                                   String actor) {
        SyncHistoryEntry entry = new SyncHistoryEntry();
        entry.channel = channel;
        entry.operation = operation;
        entry.type = type;
        entry.requestSequence = sequence;
        entry.result = result;
        entry.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...";
        entry.startedAt = started;
        entry.finishedAt = finished;
        entry.actor = actor;
        repository.persist(entry);
        return entry;
    }
}
