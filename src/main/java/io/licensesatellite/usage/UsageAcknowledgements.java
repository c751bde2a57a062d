package io.licensesatellite.usage;

import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.VisibleAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Acknowledgements from the upstream: recording them (byte-exact) against the reports they acknowledge, and handing
 * them to devices (push poll, pull import, file download) with a record of how they were delivered.
 *
 * <p>Each acknowledgement acknowledges its own reports, so a device with several not delivered yet needs every one
 * of them, oldest first: the newest alone would leave the reports of the older ones unacknowledged on the device.
 * None is skipped as superseded: the satellite keeps which reports an acknowledgement changed, not every report it
 * names, so it cannot prove that a newer one covers an older one.
 */
@ApplicationScoped
public class UsageAcknowledgements {
    public static final int MAX_RECEIVED_FROM = 200;

    private final UsageAckRepository acks;
    private final UsageReportRepository reports;
    private final UsageDeviceRepository devices;
    private final VisibleAccounts visible;
    private final Clock clock;

    public UsageAcknowledgements(UsageAckRepository acks, UsageReportRepository reports, UsageDeviceRepository devices,
                                 VisibleAccounts visible, Clock clock) {
        this.acks = acks;
        this.reports = reports;
        this.devices = devices;
        this.visible = visible;
        this.clock = clock;
    }

    /**
     * What recording did.
     *
     * @param ackId        the stored acknowledgement
     * @param acknowledged how many reports became ACKNOWLEDGED now
     * @param unknown      the acknowledged report ids this satellite does not hold for the device (kept for the log)
     */
    public record Recorded(long ackId, int acknowledged, List<Long> unknown) {}

    /**
     * Stores the upstream's acknowledgement for a device exactly as received and marks the device's reports with
     * those report ids ACKNOWLEDGED (from PENDING or SENT). Devices get it with the others not delivered yet.
     *
     * @param device       the device the acknowledgement is for
     * @param ackBytes     the upstream's ACK document, stored byte-exact
     * @param reportIds    the device report ids it acknowledges
     * @param policyBytes  the policy document that came with it, or null
     * @param receivedFrom where it came from (upstream name, file name), for the record
     */
    @Transactional
    public Recorded recordAcknowledgement(DeviceId device, byte[] ackBytes, Collection<Long> reportIds,
                                         byte[] policyBytes, String receivedFrom) {
        if (ackBytes == null || ackBytes.length == 0) {
            throw SatelliteException.invalid("ack", "an acknowledgement has content");
        }
        UsageDevice d = devices.find(device).orElseThrow(() -> SatelliteException.notFound("No reporting device " + device));
        Instant now = clock.instant();
        UsageAck ack = new UsageAck();
        ack.deviceId = d.id;
        ack.ackBytes = ackBytes.clone();
        ack.policyBytes = policyBytes == null ? null : policyBytes.clone();
        ack.receivedFrom = receivedFrom == null ? "upstream"
                : receivedFrom.length() <= MAX_RECEIVED_FROM ? receivedFrom : receivedFrom.substring(0, MAX_RECEIVED_FROM);
        ack.receivedAt = now;
        acks.persist(ack);
        Set<Long> wanted = new HashSet<>(reportIds);
        int changed = 0;
        Set<Long> found = new HashSet<>();
        if (!wanted.isEmpty()) {
            for (UsageReport r : reports.ofDevice(d.id, wanted)) {
                found.add(r.reportId);
                if (r.state != ReportState.ACKNOWLEDGED) {
                    r.state = ReportState.ACKNOWLEDGED;
                    r.acknowledgedAt = now;
                    r.ackId = ack.id;
                    changed++;
                }
            }
        }
        ack.reportCount = changed;
        d.lastAckAt = now;
        List<Long> unknown = new ArrayList<>();
        for (Long id : wanted) {
            if (!found.contains(id)) {
                unknown.add(id);
            }
        }
        unknown.sort(null);
        return new Recorded(ack.id, changed, unknown);
    }

    /** The latest acknowledgement for the device as an import file; empty when none arrived yet. */
    @Transactional
    public Optional<AckFile> ackFileFor(DeviceId device) {
        Optional<UsageDevice> d = devices.find(device);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        return acks.latest(d.get().id).map(a -> file(d.get(), a));
    }

    /** Every acknowledgement for the device not delivered yet, oldest first, as import files. */
    @Transactional
    public List<AckFile> undeliveredFor(DeviceId device) {
        return devices.find(device).map(d -> acks.undelivered(d.id).stream().map(a -> file(d, a)).toList()).orElse(List.of());
    }

    /**
     * The ACK file an operator downloads, and how many more wait after it: {@code license smart import} takes one
     * acknowledgement per file, so each download hands out the oldest not delivered yet; once all were, the latest
     * again. Empty when none arrived yet, or when the device is in a Virtual Account the caller may not see.
     */
    @Transactional
    public Optional<Download> nextDownload(DeviceId device) {
        Optional<UsageDevice> d = devices.find(device).filter(x -> visible.canSee(x.virtualAccountId));
        if (d.isEmpty()) {
            return Optional.empty();
        }
        List<UsageAck> out = toHandOut(d.get());
        return out.isEmpty() ? Optional.empty() : Optional.of(new Download(file(d.get(), out.get(0)), out.size() - 1));
    }

    /** What a device is handed: every acknowledgement not delivered yet, oldest first, or else the latest again. */
    private List<UsageAck> toHandOut(UsageDevice d) {
        List<UsageAck> waiting = acks.undelivered(d.id);
        return waiting.isEmpty() ? acks.latest(d.id).map(List::of).orElse(List.of()) : waiting;
    }

    /** @param remaining acknowledgements still not delivered after this one */
    public record Download(AckFile file, int remaining) {}

    static AckFile file(UsageDevice d, UsageAck a) {
        return new AckFile(a.id, d.deviceId(), d.softwareTag, a.ackBytes.clone(),
                a.policyBytes == null ? null : a.policyBytes.clone(), AckFiles.importFile(a.ackBytes, a.policyBytes),
                fileName(d.deviceId()), a.receivedAt);
    }

    /** {@code ACK_<pid>_<serial>.xml}, with anything but letters, digits, '-' and '.' replaced, safe in any file system. */
    public static String fileName(DeviceId device) {
        return "ACK_" + safe(device.pid()) + "_" + safe(device.serialNumber()) + ".xml";
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]", "_");
    }

    /** Notes that the acknowledgement reached its device, and how. */
    @Transactional
    public void markDelivered(long ackId, DeliveryPath path) {
        UsageAck ack = acks.findById(ackId);
        if (ack == null) {
            throw SatelliteException.notFound("No acknowledgement " + ackId);
        }
        ack.deliveredAt = clock.instant();
        ack.deliveredBy = path.name();
    }

    /** Where a device's push poll stands. */
    public sealed interface PollState {
        /** The poll id is not one this satellite gave. */
        record Unknown() implements PollState {}

        /** Some report of that push (or earlier) is not acknowledged yet. */
        record Waiting(DeviceId device) implements PollState {}

        /**
         * All acknowledged: every acknowledgement for the device not delivered yet, oldest first, or the latest
         * when all were (a device polling again did not get the answer).
         */
        record Complete(List<AckFile> acks) implements PollState {
            public Complete {
                acks = List.copyOf(acks);
            }
        }
    }

    /**
     * The state of a push poll. The poll id the push door hands out is the satellite's id of the last report of the
     * push; the poll is complete when every report of that device up to it is acknowledged.
     */
    @Transactional
    public PollState poll(long pollId) {
        UsageReport last = reports.findById(pollId);
        if (last == null) {
            return new PollState.Unknown();
        }
        UsageDevice d = devices.findById(last.deviceId);
        long open = reports.count("deviceId = ?1 and id <= ?2 and state <> ?3", d.id, pollId, ReportState.ACKNOWLEDGED);
        if (open > 0) {
            return new PollState.Waiting(d.deviceId());
        }
        List<UsageAck> out = toHandOut(d);
        return out.isEmpty() ? new PollState.Waiting(d.deviceId()) : new PollState.Complete(out.stream().map(a -> file(d, a)).toList());
    }
}
