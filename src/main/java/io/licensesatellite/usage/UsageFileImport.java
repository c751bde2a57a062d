package io.licensesatellite.usage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An operator uploads a file a device saved: its reports are ingested all or nothing (one refused report and none is
 * stored, so the operator fixes the file and uploads it again; duplicates are not refusals), then its SLAC requests
 * are stored.
 */
@ApplicationScoped
public class UsageFileImport {
    private final UsageIngest ingest;
    private final AuthorizationRequests authorizations;
    private final UsageAccounts accounts;

    public UsageFileImport(UsageIngest ingest, AuthorizationRequests authorizations, UsageAccounts accounts) {
        this.ingest = ingest;
        this.authorizations = authorizations;
        this.accounts = accounts;
    }

    /**
     * A file's contents as the reader found them.
     *
     * @param device the device its system info names, or null
     */
    public record Upload(DeviceId device, String hostname, List<RumInput> reports,
                         List<AuthorizationRequests.NewRequest> authorizationRequests) {}

    /** What the upload did; {@code refused} non-empty means nothing was stored. */
    public record Result(int reportsStored, int duplicates, List<Refusal> refused, List<DeviceId> devices,
                         int authorizationRequests) {}

    public record Refusal(int index, UsageRefusal reason, String detail) {}

    /**
     * @param virtualAccountId the VA the operator chose for new devices, or null for the default VA
     */
    public Result upload(Upload upload, Long virtualAccountId, String operator) {
        IngestSource source = IngestSource.file(virtualAccountId, upload.device(), upload.hostname(), operator);
        List<IngestOutcome> outcomes = upload.reports().isEmpty() ? List.of() : ingest.ingestAllOrNothing(source, upload.reports());
        List<Refusal> refused = new ArrayList<>();
        int stored = 0;
        int duplicates = 0;
        Set<DeviceId> devices = new LinkedHashSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            IngestOutcome o = outcomes.get(i);
            if (o instanceof IngestOutcome.Stored s) {
                stored++;
                devices.add(s.device());
            } else if (o instanceof IngestOutcome.Duplicate d) {
                duplicates++;
                devices.add(d.device());
            } else {
                IngestOutcome.Refused r = (IngestOutcome.Refused) o;
                if (r.reason() != UsageRefusal.NOT_STORED_WITH_OTHERS) {
                    refused.add(new Refusal(i, r.reason(), r.detail()));
                }
            }
        }
        if (!refused.isEmpty()) {
            return new Result(0, 0, refused, List.of(), 0);
        }
        int requests = 0;
        if (!upload.authorizationRequests().isEmpty()) {
            long va = virtualAccountId != null ? virtualAccountId : accounts.defaultVirtualAccount();
            for (AuthorizationRequests.NewRequest r : upload.authorizationRequests()) {
                if (upload.device() != null && !upload.device().equals(r.device())) {
                    continue;  // a request for another device than the file's is not this device's to make
                }
                authorizations.record(r, ReportSource.FILE, va);
                devices.add(r.device());
                requests++;
            }
        }
        return new Result(stored, duplicates, List.of(), List.copyOf(devices), requests);
    }
}
