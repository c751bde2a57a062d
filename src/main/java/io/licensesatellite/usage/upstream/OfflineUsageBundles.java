package io.licensesatellite.usage.upstream;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.sync.SyncRepository;
import io.licensesatellite.sync.UpstreamBinding;
import io.licensesatellite.sync.file.slp.Sudi;
import io.licensesatellite.sync.file.slp.UsageBundles;
import io.licensesatellite.sync.file.slp.Ustar;
import io.licensesatellite.usage.upstream.UsageUpstreamStore.OutgoingAuthorizationRequest;
import io.licensesatellite.usage.upstream.UsageUpstreamStore.OutgoingReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage across the air gap: the pending reports and authorisation requests as {@code UD_SA_<ts>.tar.gz} (marked SENT
 * with the bundle's name), and the upstream's {@code ACK_UD_SA_<ts>.tar.gz} back: every acknowledgement and code
 * checked against the bound upstream's CA and stored byte-exact in one transaction, or nothing.
 */
@ApplicationScoped
public class OfflineUsageBundles {
    /** The admin door takes bodies up to 65M; a bundle of a large site's month is a few megabytes. */
    public static final int MAX_ACK_BUNDLE_BYTES = 64 * 1024 * 1024;
    /** Reports in one bundle: the rest go in the next one. */
    static final int MAX_BUNDLE_REPORTS = 50_000;

    private final UsageUpstreamStore store;
    private final UpstreamAnswers answers;
    private final SyncRepository sync;
    private final Clock clock;

    public OfflineUsageBundles(UsageUpstreamStore store, UpstreamAnswers answers, SyncRepository sync, Clock clock) {
        this.store = store;
        this.answers = answers;
        this.sync = sync;
        this.clock = clock;
    }

    public record Bundle(String fileName, byte[] content, int reports, int authorizationRequests, int devices) {}

    public record AcksImported(int acknowledgements, int reportsAcknowledged, int authorizationCodes) {}

    @Transactional
    public Bundle bundle() {
        UpstreamBinding binding = binding();
        List<OutgoingReport> reports = store.pendingReports(MAX_BUNDLE_REPORTS);
        List<OutgoingAuthorizationRequest> requests = store.pendingAuthorizationRequests(MAX_BUNDLE_REPORTS);
        if (reports.isEmpty() && requests.isEmpty()) {
            throw new SatelliteException(ErrorKind.USAGE_NOTHING_PENDING, "No usage report or authorisation request is"
                    + " pending: there is nothing to carry upstream");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Map<String, Device>> byVa = new LinkedHashMap<>();
        for (OutgoingReport report : reports) {
            device(byVa, report.virtualAccount(), report.sudi(), report.softwareTag()).reports.add(new UsageBundles.RumReport(
                    report.reportId(), report.payload(), report.signatureJson()));
        }
        for (OutgoingAuthorizationRequest request : requests) {
            device(byVa, request.virtualAccount(), request.sudi(), null).requests.add(new UsageBundles.AuthRequestEntry(
                    String.valueOf(request.id()), request.entitlements().stream()
                            .map(e -> new UsageBundles.Key(e.tag(), (int) Math.min(Integer.MAX_VALUE, e.count()))).toList()));
        }
        List<UsageBundles.VirtualAccountUsage> vas = new ArrayList<>();
        int devices = 0;
        for (Map.Entry<String, Map<String, Device>> va : byVa.entrySet()) {
            vas.add(new UsageBundles.VirtualAccountUsage(va.getKey(), va.getValue().values().stream()
                    .map(d -> new UsageBundles.DeviceUsage(d.sudi, null, d.softwareTag, d.reports, d.requests)).toList()));
            devices += va.getValue().size();
        }
        String fileName = UsageBundles.usageFileName(now);
        byte[] content = UsageBundles.write(new UsageBundles.UsageBundle(binding.smartAccount, now, vas), "License Satellite");
        store.markReportsSent(reports.stream().map(OutgoingReport::id).toList(), fileName);
        store.markAuthorizationRequestsSent(requests.stream().map(OutgoingAuthorizationRequest::id).toList(), fileName);
        return new Bundle(fileName, content, reports.size(), requests.size(), devices);
    }

    private static final class Device {
        final Sudi sudi;
        final String softwareTag;
        final List<UsageBundles.RumReport> reports = new ArrayList<>();
        final List<UsageBundles.AuthRequestEntry> requests = new ArrayList<>();

        Device(Sudi sudi, String softwareTag) {
            this.sudi = sudi;
            this.softwareTag = softwareTag;
        }
    }

    private static Device device(Map<String, Map<String, Device>> byVa, String va, Sudi sudi, String softwareTag) {
        return byVa.computeIfAbsent(va, k -> new LinkedHashMap<>()).computeIfAbsent(sudi.udi(), k -> new Device(sudi, softwareTag));
    }

    @Transactional
    public AcksImported importAcks(byte[] archive) {
        if (archive.length > MAX_ACK_BUNDLE_BYTES) {
            throw new SatelliteException(ErrorKind.USAGE_BUNDLE_TOO_LARGE, "The file is " + archive.length
                    + " bytes; an acknowledgement bundle is at most " + MAX_ACK_BUNDLE_BYTES);
        }
        UpstreamBinding binding = binding();
        UsageBundles.AckBundle bundle;
        try {
            bundle = UsageBundles.readAcks(archive);
        } catch (Ustar.ArchiveRefused e) {
            throw new SatelliteException(ErrorKind.USAGE_BUNDLE_INVALID, "Not an acknowledgement bundle: " + e.getMessage());
        }
        if (!bundle.smartAccount().equals(binding.smartAccount)) {
            throw new SatelliteException(ErrorKind.USAGE_BUNDLE_OTHER_SMART_ACCOUNT, "The bundle is for Smart Account '"
                    + bundle.smartAccount() + "'; this satellite serves '" + binding.smartAccount + "'");
        }
        int acks = 0;
        int reports = 0;
        int codes = 0;
        for (UsageBundles.VirtualAccountAnswer va : bundle.virtualAccounts()) {
            for (UsageBundles.DeviceAnswer device : va.devices()) {
                String from = "offline bundle (" + va.virtualAccount() + ")";
                if (device.acknowledgement() != null) {
                    reports += answers.acknowledgement(device.acknowledgement(), from).reports();
                    acks++;
                }
                for (byte[] code : device.authorizations()) {
                    answers.authorization(code, from, null);
                    codes++;
                }
            }
        }
        return new AcksImported(acks, reports, codes);
    }

    private UpstreamBinding binding() {
        return sync.binding().orElseThrow(() -> new SatelliteException(ErrorKind.SATELLITE_NOT_REGISTERED,
                "The satellite is not registered with an upstream: acknowledgements could not be checked"));
    }
}
