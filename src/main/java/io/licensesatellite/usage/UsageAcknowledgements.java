package io.licensesatellite.usage;

import io.licensesatellite.platform.SatelliteException;
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
 */
@ApplicationScoped
public class UsageAcknowledgements {
    public static final int MAX_RECEIVED_FROM = 200;

    private final UsageAckRepository acks;
    private final UsageReportRepository reports;
    private final UsageDeviceRepository devices;
    private final Clock clock;

    public UsageAcknowledgements(UsageAckRepository acks, UsageReportRepository reports, UsageDeviceRepository devices,
                                 Clock clock) {
        this.acks = acks;
        this.reports = reports;
        this.devices = devices;
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
     * those report ids ACKNOWLEDGED (from PENDING or SENT). The latest acknowledgement is the one devices get.
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

        /** All acknowledged: the latest acknowledgement for the device. */
        record Complete(AckFile ack) implements PollState {}
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
        return acks.latest(d.id).<PollState>map(a -> new PollState.Complete(file(d, a)))
                .orElseGet(() -> new PollState.Waiting(d.deviceId()));
    }
}
