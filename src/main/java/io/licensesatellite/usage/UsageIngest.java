package io.licensesatellite.usage;

import io.licensesatellite.usage.UsageStore.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes RUM reports from any door (push, pull, file) and stores each once.
 *
 * <p>Per report, in this order: read the wrapper and payload within the limits ({@link RumReader}); the payload's
 * device ({@code asset_identification.instance.sudi}) must be the signature's sudi and the device the envelope or
 * file names; no measurement may end after now plus {@code satellite.usage.future-tolerance}; counts are
 * non-negative integers. Then, in the writer's transaction: a report whose device and report id are already stored
 * is a {@link IngestOutcome.Duplicate} when its payload bytes are the same (stored once, answered the same) and
 * refused {@link UsageRefusal#CONFLICT} when they differ. A refused report writes nothing; the others of the same
 * call are stored (each report stands alone, as on the device).
 *
 * <p>A device seen for the first time gets a product instance in state REPORTING (through the devices feature) in
 * the VA its source names: the operator's choice, else the push tenant, else the default VA. Stored reports are
 * answered only after their transaction commits (group commit with other callers). Do not call from inside a
 * transaction: the reports commit in the writer's own transaction, and the caller would wait for it.
 */
@ApplicationScoped
public class UsageIngest {
    /** In an all-or-nothing call, the outcome of a good report that was not stored because another was refused. */
    public static final IngestOutcome NOT_STORED = new IngestOutcome.Refused(UsageRefusal.NOT_STORED_WITH_OTHERS,
            "not stored: another report of the same call was refused");

    private final RumReader reader;
    private final UsageAccounts accounts;
    private final IngestGroupCommit groupCommit;
    private final Clock clock;
    private final Duration futureTolerance;

    public UsageIngest(UsageConfig config, UsageAccounts accounts, IngestGroupCommit groupCommit, Clock clock) {
        this.reader = new RumReader(RumLimits.of(config.limits()));
        this.accounts = accounts;
        this.groupCommit = groupCommit;
        this.clock = clock;
        this.futureTolerance = config.futureTolerance();
    }

    /** The reader with this satellite's limits, for doors that read wrappers out of their own bodies. */
    public RumReader reader() {
        return reader;
    }

    /** Ingests the reports, each on its own; one outcome per input, in order. */
    public List<IngestOutcome> ingest(IngestSource source, List<RumInput> inputs) {
        return ingest(source, inputs, false);
    }

    /**
     * Ingests the reports all or nothing (uploaded files): if any report is refused, none is stored, and the
     * outcomes list the refusals (the others are answered as they would have been, but nothing was written).
     * Duplicates are not refusals.
     */
    public List<IngestOutcome> ingestAllOrNothing(IngestSource source, List<RumInput> inputs) {
        return ingest(source, inputs, true);
    }

    private List<IngestOutcome> ingest(IngestSource source, List<RumInput> inputs, boolean allOrNothing) {
        IngestOutcome[] outcomes = new IngestOutcome[inputs.size()];
        List<CheckedReport> checked = new ArrayList<>(inputs.size());
        long latestEnd = clock.instant().plus(futureTolerance).getEpochSecond();
        for (int i = 0; i < inputs.size(); i++) {
            try {
                checked.add(check(i, inputs.get(i), source, latestEnd));
            } catch (RumReportException e) {
                outcomes[i] = new IngestOutcome.Refused(e.refusal(), e.getMessage());
            }
        }
        boolean refusedBefore = checked.size() < inputs.size();
        if (allOrNothing && refusedBefore) {
            return List.of(java.util.Arrays.stream(outcomes).map(o -> o == null ? NOT_STORED : o).toArray(IngestOutcome[]::new));
        }
        if (!checked.isEmpty()) {
            Optional<Long> va = accounts.resolve(source);
            if (va.isEmpty()) {
                for (CheckedReport r : checked) {
                    outcomes[r.index()] = new IngestOutcome.Refused(UsageRefusal.UNKNOWN_VIRTUAL_ACCOUNT,
                            "No Virtual Account is named '" + source.tenant() + "' (nor without its -<n> suffix)");
                }
            } else {
                Map<Integer, IngestOutcome> stored = groupCommit.store(new Submission(source, va.get(), checked, allOrNothing));
                stored.forEach((index, outcome) -> outcomes[index] = outcome);
            }
        }
        return List.of(outcomes);
    }

    /** Convenience for one report. */
    public IngestOutcome ingest(IngestSource source, RumInput input) {
        return ingest(source, List.of(input)).get(0);
    }

    private CheckedReport check(int index, RumInput input, IngestSource source, long latestEnd) throws RumReportException {
        RumWrapper wrapper;
        if (input instanceof RumInput.Unreadable u) {
            throw new RumReportException(u.reason(), u.detail());
        } else if (input instanceof RumInput.Raw raw) {
            wrapper = reader.wrapper(raw.wrapperJson());
        } else {
            wrapper = ((RumInput.Read) input).wrapper();
        }
        RumPayload payload = reader.payload(wrapper.payload());
        DeviceId device = payload.device();
        if (wrapper.signatureSudi() != null && !wrapper.signatureSudi().equals(device)) {
            throw new RumReportException(UsageRefusal.IDENTITY_MISMATCH, "The payload is from " + device
                    + " but the signature names " + wrapper.signatureSudi());
        }
        if (source.envelopeDevice() != null && !source.envelopeDevice().equals(device)) {
            throw new RumReportException(UsageRefusal.IDENTITY_MISMATCH, "The payload is from " + device
                    + " but it came in the name of " + source.envelopeDevice());
        }
        for (RumPayload.Measurement m : payload.measurements()) {
            if (m.endSeconds() > latestEnd) {
                throw new RumReportException(UsageRefusal.IN_THE_FUTURE, "A measurement of " + m.tag() + " ends at "
                        + m.endSeconds() + ", later than the satellite's clock allows (" + latestEnd + ")");
            }
        }
        byte[] bytes = wrapper.payloadBytes();
        return new CheckedReport(index, wrapper, payload, sha256(bytes),
                StoredReportCodec.encode(bytes, wrapper.signatureJson()), bytes.length);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
