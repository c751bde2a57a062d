package io.licensesatellite.upstream;

import io.licensesatellite.sync.file.SyncRequestFile;
import io.licensesatellite.sync.file.SyncRequestFile.Event;
import io.licensesatellite.sync.file.SyncRequestFile.Instance;
import io.licensesatellite.sync.file.SyncType;
import io.licensesatellite.upstream.SatelliteRecord.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a request into the satellite's last report. A full request replaces the instances; a standard one upserts
 * those it carries (by id) and drops {@code removed_instances}. Events are appended, each id once, so answering the
 * same request twice changes nothing. A request older than the report already held is answered but not applied:
 * it would roll the report back.
 */
final class ReportedData {
    private ReportedData() {}

    static Report apply(Report previous, SyncRequestFile request, Instant receivedAt) {
        SyncRequestFile.Header header = request.header();
        SyncRequestFile.Payload payload = request.payload();
        if (previous != null && header.sequence() < previous.sequence()) {
            return previous;
        }
        Map<String, Instance> instances = new LinkedHashMap<>();
        if (header.type() != SyncType.FULL && previous != null) {
            previous.instances().forEach(i -> instances.put(i.id(), i));
        }
        if (header.type() != SyncType.FULL && payload.removedInstances() != null) {
            payload.removedInstances().forEach(instances::remove);
        }
        for (Instance instance : listOf(payload.productInstances())) {
            instances.put(instance.id(), instance);
        }
        List<Event> events = new ArrayList<>(previous == null ? List.of() : previous.recentEvents());
        Set<Long> seen = new HashSet<>();
        events.forEach(e -> seen.add(e.id()));
        long received = previous == null ? 0 : previous.eventsReceived();
        for (Event event : listOf(payload.events())) {
            if (seen.add(event.id())) {
                events.add(event);
                received++;
            }
        }
        if (events.size() > Report.EVENTS_KEPT) {
            events = new ArrayList<>(events.subList(events.size() - Report.EVENTS_KEPT, events.size()));
        }
        return new Report(header.sequence(), header.type(), receivedAt, header.createdAt(), header.softwareVersion(),
                listOf(payload.usage()), List.copyOf(instances.values()), List.copyOf(events), received);
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
