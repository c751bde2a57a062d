package io.licensesatellite.usage.pull;

import io.licensesatellite.usage.AckFile;
import io.licensesatellite.usage.AuthorizationRequests;
import io.licensesatellite.usage.DeliveryPath;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.IngestOutcome;
import io.licensesatellite.usage.IngestSource;
import io.licensesatellite.usage.RumInput;
import io.licensesatellite.usage.UsageAcknowledgements;
import io.licensesatellite.usage.UsageIngest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The usage store as the pull sees it: pulled wrappers go through the same ingest as pushed ones (source PULL, the
 * device's Virtual Account), and the files to import are every acknowledgement of the device not delivered yet,
 * oldest first (the import takes one per call, and each acknowledges its own reports), then its authorisation codes
 * not delivered yet.
 */
@ApplicationScoped
public class UsageStoreForPull implements PulledReportsSink, AckSource {
    private static final Pattern UDI = Pattern.compile("PID:(.+),SN:(.+)");
    private static final String ACK = "ack:";
    private static final String SLAC = "slac:";

    private final UsageIngest ingest;
    private final UsageAcknowledgements acknowledgements;
    private final AuthorizationRequests authorizations;

    public UsageStoreForPull(UsageIngest ingest, UsageAcknowledgements acknowledgements, AuthorizationRequests authorizations) {
        this.ingest = ingest;
        this.acknowledgements = acknowledgements;
        this.authorizations = authorizations;
    }

    @Override
    public List<Ingested> ingest(List<byte[]> wrappers, Long virtualAccountId, String deviceAddress) {
        List<IngestOutcome> outcomes = ingest.ingest(IngestSource.pull(virtualAccountId, null, null, deviceAddress),
                wrappers.stream().map(RumInput::raw).toList());
        List<Ingested> ingested = new ArrayList<>(outcomes.size());
        for (IngestOutcome outcome : outcomes) {
            if (outcome instanceof IngestOutcome.Stored stored) {
                ingested.add(new Ingested(Outcome.STORED, stored.device().toString(), null));
            } else if (outcome instanceof IngestOutcome.Duplicate duplicate) {
                ingested.add(new Ingested(Outcome.DUPLICATE, duplicate.device().toString(), null));
            } else if (outcome instanceof IngestOutcome.Refused refused) {
                ingested.add(new Ingested(Outcome.REFUSED, null, refused.reason() + ": " + refused.detail()));
            }
        }
        return ingested;
    }

    @Override
    @Transactional
    public List<PendingFile> pendingFor(String udi) {
        Optional<DeviceId> device = deviceId(udi);
        if (device.isEmpty()) {
            return List.of();
        }
        List<PendingFile> files = new ArrayList<>();
        for (AckFile ack : acknowledgements.undeliveredFor(device.get())) {
            files.add(new PendingFile(ACK + ack.ackId(), "ACK", ack.importFile()));
        }
        for (AuthorizationRequests.RequestView code : authorizations.undeliveredCodes(device.get())) {
            if (code.code() != null) {
                files.add(new PendingFile(SLAC + code.id(), "SLAC", code.code()));
            }
        }
        return files;
    }

    @Override
    public void markDelivered(PendingFile file, Instant at) {
        if (file.key().startsWith(ACK)) {
            acknowledgements.markDelivered(Long.parseLong(file.key().substring(ACK.length())), DeliveryPath.PULL_IMPORT);
        } else if (file.key().startsWith(SLAC)) {
            authorizations.markDelivered(Long.parseLong(file.key().substring(SLAC.length())), DeliveryPath.PULL_IMPORT);
        } else {
            throw new IllegalArgumentException("Not a file this store handed out: " + file.key());
        }
    }

    private static Optional<DeviceId> deviceId(String udi) {
        Matcher m = UDI.matcher(udi == null ? "" : udi);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeviceId(m.group(1), m.group(2)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
