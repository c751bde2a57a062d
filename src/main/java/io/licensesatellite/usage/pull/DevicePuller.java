package io.licensesatellite.usage.pull;

import io.licensesatellite.usage.pull.AckSource.PendingFile;
import io.licensesatellite.usage.pull.PulledReportsSink.Ingested;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One pull of one device, in the order the vendor recommends: close the open reports, fetch every report, store
 * each, then import every acknowledgement (and authorisation code) recorded for the device and not delivered yet.
 * Runs outside any transaction: the store and the ACK source open their own, one per call, between the network
 * exchanges.
 */
public final class DevicePuller {
    private static final Logger LOG = Logger.getLogger(DevicePuller.class);
    private static final int MAX_ERROR = 1000;

    private final DeviceUsageChannel channel;
    private final PulledReportsSink sink;
    private final AckSource acks;
    private final Clock clock;

    public DevicePuller(DeviceUsageChannel channel, PulledReportsSink sink, AckSource acks, Clock clock) {
        this.channel = channel;
        this.sink = sink;
        this.acks = acks;
        this.clock = clock;
    }

    /** @param knownUdi the UDI an earlier pull learned, used when this pull fetched no report naming one */
    public PullOutcome pull(PullTarget target, String knownUdi) {
        // Whole seconds: the database keeps microseconds at most, and a rounded-up time would make the device look
        // pulled later than it was, and not due when its interval has passed.
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        DeviceUsageChannel.Fetched fetched;
        try {
            fetched = channel.fetchReports(target);
        } catch (DevicePullException e) {
            LOG.infof("Pull of device %d at %s failed: %s (%s)", target.deviceId(), target.url(), e.result(), e.getMessage());
            return PullOutcome.failed(target, e.result(), bounded(e.getMessage()), started);
        }
        int stored = 0;
        int duplicates = 0;
        int refused = 0;
        String udi = null;
        String refusal = null;
        List<Ingested> outcomes = fetched.wrappers().isEmpty() ? List.of()
                : sink.ingest(fetched.wrappers(), target.virtualAccountId(), target.address());
        for (Ingested ingested : outcomes) {
            switch (ingested.outcome()) {
                case STORED -> stored++;
                case DUPLICATE -> duplicates++;
                case REFUSED -> {
                    refused++;
                    if (refusal == null) {
                        refusal = ingested.detail();
                    }
                }
            }
            if (udi == null && ingested.udi() != null) {
                udi = ingested.udi();
            }
        }
        String deviceUdi = udi != null ? udi : knownUdi;
        int imported = 0;
        PullResult result = refused > 0 ? PullResult.REFUSED_REPORTS : PullResult.OK;
        String error = refused > 0 ? refused + " of " + fetched.wrappers().size() + " report(s) refused: " + refusal : null;
        if (deviceUdi != null) {
            for (PendingFile file : acks.pendingFor(deviceUdi)) {
                try {
                    channel.importFile(target, file.content());
                } catch (DevicePullException e) {
                    result = e.result();
                    error = "importing a " + file.kind() + " failed: " + e.getMessage();
                    break;
                }
                acks.markDelivered(file, clock.instant());
                imported++;
            }
        }
        LOG.infof("Pulled device %d at %s: %d report(s), %d new, %d already kept, %d refused, %d file(s) imported",
                target.deviceId(), target.url(), fetched.wrappers().size(), stored, duplicates, refused, imported);
        return new PullOutcome(target.deviceId(), target.address(), target.port(), result, bounded(error),
                fetched.wrappers().size(), stored, duplicates, refused, imported, deviceUdi, fetched.peerSha256(), started);
    }

    private static String bounded(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }
}
