package io.licensesatellite.upstream;

import io.licensesatellite.sync.file.slp.Sudi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the emulator received and owes for Smart Licensing Using Policy, in {@code usage-ledger.json}: every usage
 * report (per Smart Account, VA and device; not the payload, which is the device's), every authorisation given,
 * and the polls not yet collected with the answers they will return.
 */
public record SlpLedger(long lastPollId, List<ReportReceived> reports, List<AuthorizationGiven> authorizations, List<Poll> polls) {
    static final String FILE_NAME = "usage-ledger.json";
    /** Enough history for any lab; the oldest go first. */
    static final int REPORTS_KEPT = 100_000;
    static final int POLLS_KEPT = 1_000;

    public record ReportReceived(String smartAccount, String virtualAccount, String udi, long reportId, String softwareTag,
            int payloadBytes, Instant receivedAt, String via) {}

    public record AuthorizationGiven(String smartAccount, String virtualAccount, String udi, String requestId, String status,
            String entitlements, Instant at, String via) {}

    /** @param pollsLeft how many more polls answer OK_POLL before the answer is COMPLETE */
    public record Poll(long pollId, String smartAccount, String virtualAccount, String action, Instant createdAt, int pollsLeft,
            List<AckEntry> acknowledgements, List<AuthEntry> authorizations) {}

    /** @param smartLicense base64 of the acknowledgement document */
    public record AckEntry(Sudi sudi, String softwareTagIdentifier, String smartLicense) {}

    /** @param smartLicense base64 of the authorisation document, null when refused */
    public record AuthEntry(Sudi sudi, String requestId, String smartLicense, String authStatus, String errorCode,
            String statusMessage) {}

    static SlpLedger empty() {
        return new SlpLedger(0, List.of(), List.of(), List.of());
    }

    static SlpLedger read(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return empty();
        }
        try {
            return SatelliteRecords.JSON.readValue(file.toFile(), SlpLedger.class);
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            StateFiles.writeSecret(file, SatelliteRecords.JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
