package io.licensesatellite.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesatellite.sync.file.slp.AckData;
import io.licensesatellite.sync.file.slp.AuthorizationData;
import io.licensesatellite.sync.file.slp.Policy;
import io.licensesatellite.sync.file.slp.SlpDocuments;
import io.licensesatellite.sync.file.slp.Sudi;
import io.licensesatellite.sync.file.slp.UsageBundles;
import io.licensesatellite.sync.file.slp.Ustar;
import io.licensesatellite.upstream.SlpLedger.AckEntry;
import io.licensesatellite.upstream.SlpLedger.AuthEntry;
import io.licensesatellite.upstream.SlpLedger.AuthorizationGiven;
import io.licensesatellite.upstream.SlpLedger.Poll;
import io.licensesatellite.upstream.SlpLedger.ReportReceived;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The emulator's Smart Licensing Using Policy side, shared by its three channels (the REST API, the YAML sync file,
 * offline bundles): records usage reports and answers each device with a signed acknowledgement carrying the VA's
 * policy; answers authorisation requests with signed codes where the VA holds the licences. The device's own report
 * signature ("builtin", a keyed hash whose key is not public) is not checked: the emulator cannot, and the vendor's
 * cloud does.
 */
public final class SlpUpstream {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String POLICIES_FILE = "policies.json";

    /**
     * @param pollsBeforeComplete how many polls answer OK_POLL before COMPLETE (tests see both)
     * @param pollIntervalSeconds the {@code poll_interval} told to the caller (the vendor says 300)
     */
    public record Options(int pollsBeforeComplete, int pollIntervalSeconds) {
        public static Options defaults() {
            return new Options(1, 300);
        }
    }

    public record Report(long reportId, String payload, String signatureJson) {}

    public record DeviceUsage(Sudi sudi, String hostname, String softwareTag, List<Report> reports) {}

    public record Key(String entitlement, int count) {}

    public record AuthRequest(Sudi sudi, String hostname, String requestId, List<Key> keys) {}

    public record Acknowledged(Sudi sudi, String softwareTag, List<Long> reportIds, byte[] document) {}

    /** @param document the signed code document, null when refused */
    public record Authorized(Sudi sudi, String requestId, String status, String errorCode, String message, byte[] document) {}

    /** A usage or authorisation request the upstream refuses as a whole (status FAILED and this message). */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    public record PollAnswer(String status, long pollId, int pollInterval, String action, List<AckEntry> acknowledgements,
            List<AuthEntry> authorizations) {}

    private final Path stateDir;
    private final Clock clock;
    private final UpstreamEmulator emulator;
    private volatile Options options = Options.defaults();

    SlpUpstream(Path stateDir, Clock clock, UpstreamEmulator emulator) {
        this.stateDir = stateDir;
        this.clock = clock;
        this.emulator = emulator;
    }

    public Options options() {
        return options;
    }

    public void options(Options options) {
        if (options.pollsBeforeComplete() < 0 || options.pollIntervalSeconds() < 0) {
            throw new IllegalArgumentException("polls before complete and poll interval are 0 or more");
        }
        this.options = options;
    }

    /** The report id a RUM payload carries: {@code asset_identification.report_id} (2.0) or {@code meta.report_id} (17.6). */
    public static long reportIdOf(String payload) throws Refused {
        JsonNode node;
        try {
            node = SlpDocuments.JSON.readTree(payload);
        } catch (Exception e) {
            throw new Refused("a usage payload is not JSON");
        }
        JsonNode id = node.path("asset_identification").path("report_id");
        if (!id.canConvertToLong()) {
            id = node.path("meta").path("report_id");
        }
        if (!id.canConvertToLong()) {
            throw new Refused("a usage payload carries no report_id (asset_identification.report_id or meta.report_id)");
        }
        return id.asLong();
    }

    /**
     * Records the reports and acknowledges each device's. {@code refuseDuplicates}: the REST API refuses a request
     * with a report already received (the vendor's FAILED); files may be answered twice and acknowledge again.
     */
    public List<Acknowledged> acknowledge(String smartAccount, String virtualAccount, List<DeviceUsage> devices,
            boolean refuseDuplicates, String via) throws Refused {
        Policy policy = policyOf(smartAccount, virtualAccount);
        UpstreamAuthority authority = UpstreamAuthority.load(stateDir);
        Instant now = now();
        List<Acknowledged> acknowledged = new ArrayList<>();
        Refused[] refusal = new Refused[1];
        StateFiles.locked(stateDir, () -> {
            SlpLedger ledger = SlpLedger.read(stateDir);
            Set<String> known = new HashSet<>();
            for (ReportReceived r : ledger.reports()) {
                known.add(r.udi() + "#" + r.reportId());
            }
            List<String> duplicates = new ArrayList<>();
            List<ReportReceived> received = new ArrayList<>(ledger.reports());
            for (DeviceUsage device : devices) {
                for (Report report : device.reports()) {
                    String key = device.sudi().udi() + "#" + report.reportId();
                    if (known.contains(key)) {
                        duplicates.add(report.reportId() + " of " + device.sudi().udi());
                    } else {
                        known.add(key);
                        received.add(new ReportReceived(smartAccount, virtualAccount, device.sudi().udi(), report.reportId(),
                                device.softwareTag(), report.payload().getBytes(StandardCharsets.UTF_8).length, now, via));
                    }
                }
            }
            if (refuseDuplicates && !duplicates.isEmpty()) {
                refusal[0] = new Refused("Duplicate usage report(s) already received: " + String.join(", ", duplicates));
                return null;
            }
            while (received.size() > SlpLedger.REPORTS_KEPT) {
                received.remove(0);
            }
            new SlpLedger(ledger.lastPollId(), received, ledger.authorizations(), ledger.polls()).write(stateDir);
            return null;
        });
        if (refusal[0] != null) {
            throw refusal[0];
        }
        for (DeviceUsage device : devices) {
            List<Long> ids = device.reports().stream().map(Report::reportId).distinct().toList();
            AckData data = new AckData(device.sudi(), device.softwareTag(), ids, now.toEpochMilli(), nonce());
            acknowledged.add(new Acknowledged(device.sudi(), device.softwareTag(), ids,
                    SlpDocuments.acknowledgement(data, policy, authority.signerKey(), authority.signer())));
        }
        return acknowledged;
    }

    /** Answers each request: codes where the VA holds every entitlement in the count asked, a refusal otherwise. */
    public List<Authorized> authorize(String smartAccount, String virtualAccount, List<AuthRequest> requests, String via) {
        Accounts.VirtualAccount va = virtualAccount(smartAccount, virtualAccount);
        UpstreamAuthority authority = UpstreamAuthority.load(stateDir);
        Instant now = now();
        List<Authorized> answers = new ArrayList<>();
        List<AuthorizationGiven> given = new ArrayList<>();
        for (AuthRequest request : requests) {
            List<String> missing = new ArrayList<>();
            List<AuthorizationData.Code> codes = new ArrayList<>();
            for (Key key : request.keys()) {
                int held = va.licenses().stream().filter(l -> l.tag().equals(key.entitlement()))
                        .mapToInt(Accounts.LicenseLine::quantity).sum();
                if (held < key.count()) {
                    missing.add(key.entitlement() + " (asked " + key.count() + ", the VA holds " + held + ")");
                } else {
                    codes.add(new AuthorizationData.Code(key.entitlement(), key.count(), authorizationCode()));
                }
            }
            Authorized answer;
            if (request.keys().isEmpty() || !missing.isEmpty()) {
                answer = new Authorized(request.sudi(), request.requestId(), "FAILED", "INSUFFICIENT_LICENSES",
                        request.keys().isEmpty() ? "the request names no entitlement"
                                : "Virtual Account '" + virtualAccount + "' lacks " + String.join(", ", missing), null);
            } else {
                AuthorizationData data = new AuthorizationData(request.sudi(), request.requestId(), codes, now.toEpochMilli(), nonce());
                answer = new Authorized(request.sudi(), request.requestId(), "SUCCESS", null, "authorised",
                        SlpDocuments.authorization(data, authority.signerKey(), authority.signer()));
            }
            answers.add(answer);
            given.add(new AuthorizationGiven(smartAccount, virtualAccount, request.sudi().udi(), request.requestId(),
                    answer.status(), String.join(", ", request.keys().stream().map(k -> k.count() + " x " + k.entitlement()).toList()),
                    now, via));
        }
        StateFiles.locked(stateDir, () -> {
            SlpLedger ledger = SlpLedger.read(stateDir);
            List<AuthorizationGiven> all = new ArrayList<>(ledger.authorizations());
            all.addAll(given);
            while (all.size() > SlpLedger.REPORTS_KEPT) {
                all.remove(0);
            }
            new SlpLedger(ledger.lastPollId(), ledger.reports(), all, ledger.polls()).write(stateDir);
            return null;
        });
        return answers;
    }

    /** Opens a poll whose COMPLETE answer will carry these acknowledgements or authorisations. */
    long openPoll(String smartAccount, String virtualAccount, String action, List<Acknowledged> acknowledged,
            List<Authorized> authorized) {
        Base64.Encoder base64 = Base64.getEncoder();
        List<AckEntry> acks = acknowledged.stream().map(a -> new AckEntry(a.sudi(), a.softwareTag(),
                base64.encodeToString(a.document()))).toList();
        List<AuthEntry> auths = authorized.stream().map(a -> new AuthEntry(a.sudi(), a.requestId(),
                a.document() == null ? null : base64.encodeToString(a.document()), a.status(), a.errorCode(), a.message())).toList();
        return StateFiles.locked(stateDir, () -> {
            SlpLedger ledger = SlpLedger.read(stateDir);
            long id = Math.max(ledger.lastPollId(), now().toEpochMilli()) + 1;
            List<Poll> polls = new ArrayList<>(ledger.polls());
            polls.add(new Poll(id, smartAccount, virtualAccount, action, now(), options.pollsBeforeComplete(), acks, auths));
            while (polls.size() > SlpLedger.POLLS_KEPT) {
                polls.remove(0);
            }
            new SlpLedger(id, ledger.reports(), ledger.authorizations(), polls).write(stateDir);
            return id;
        });
    }

    /** OK_POLL while the poll is not ready, then COMPLETE with its answers (again on every later poll). */
    PollAnswer poll(String smartAccount, long pollId) throws Refused {
        Optional<PollAnswer> answer = StateFiles.locked(stateDir, () -> {
            SlpLedger ledger = SlpLedger.read(stateDir);
            List<Poll> polls = new ArrayList<>(ledger.polls());
            for (int i = 0; i < polls.size(); i++) {
                Poll poll = polls.get(i);
                if (poll.pollId() == pollId && poll.smartAccount().equals(smartAccount)) {
                    if (poll.pollsLeft() > 0) {
                        polls.set(i, new Poll(poll.pollId(), poll.smartAccount(), poll.virtualAccount(), poll.action(),
                                poll.createdAt(), poll.pollsLeft() - 1, poll.acknowledgements(), poll.authorizations()));
                        new SlpLedger(ledger.lastPollId(), ledger.reports(), ledger.authorizations(), polls).write(stateDir);
                        return Optional.of(new PollAnswer("OK_POLL", pollId, options.pollIntervalSeconds(), poll.action(),
                                List.of(), List.of()));
                    }
                    return Optional.of(new PollAnswer("COMPLETE", pollId, options.pollIntervalSeconds(), poll.action(),
                            poll.acknowledgements(), poll.authorizations()));
                }
            }
            return Optional.<PollAnswer>empty();
        });
        return answer.orElseThrow(() -> new Refused("no poll " + pollId + " for Smart Account '" + smartAccount + "'"));
    }

    /** An acknowledgement bundle and its file name. */
    /** @param skipped VAs of the bundle this upstream does not hold: their usage is not acknowledged */
    public record BundleAnswer(String fileName, byte[] bundle, int devices, int reports, int authorizations, List<String> skipped) {}

    /**
     * Answers an offline usage bundle ({@code UD_SA_<ts>.tar.gz}): every device's reports acknowledged, every
     * authorisation request answered, in {@code ACK_UD_SA_<ts>.tar.gz}. The same bundle twice acknowledges again.
     */
    public BundleAnswer answerBundle(byte[] archive, String fileName) {
        UsageBundles.UsageBundle bundle;
        try {
            bundle = UsageBundles.readUsage(archive);
        } catch (Ustar.ArchiveRefused e) {
            throw new EmulatorException(EmulatorError.MALFORMED, "the usage bundle is refused: " + e.getMessage(), e);
        }
        if (emulator.accounts().smartAccount(bundle.smartAccount()).isEmpty()) {
            throw new EmulatorException(EmulatorError.UNKNOWN_ACCOUNT, "the bundle is for Smart Account '"
                    + bundle.smartAccount() + "', which accounts.yml does not hold");
        }
        List<UsageBundles.VirtualAccountAnswer> vas = new ArrayList<>();
        int devices = 0;
        int reports = 0;
        int authorizations = 0;
        List<String> skipped = new ArrayList<>();
        Accounts.SmartAccount sa = emulator.accounts().smartAccount(bundle.smartAccount()).orElseThrow();
        for (UsageBundles.VirtualAccountUsage va : bundle.virtualAccounts()) {
            if (sa.virtualAccount(va.virtualAccount()).isEmpty()) {
                skipped.add(va.virtualAccount());  // a VA the satellite keeps locally: not acknowledged here
                continue;
            }
            List<DeviceUsage> usage = new ArrayList<>();
            List<AuthRequest> requests = new ArrayList<>();
            for (UsageBundles.DeviceUsage device : va.devices()) {
                if (!device.reports().isEmpty()) {
                    usage.add(new DeviceUsage(device.sudi(), device.hostname(), device.softwareTag(), device.reports().stream()
                            .map(r -> new Report(r.reportId(), r.payload(), r.signatureJson())).toList()));
                    reports += device.reports().size();
                }
                for (UsageBundles.AuthRequestEntry request : device.authRequests()) {
                    requests.add(new AuthRequest(device.sudi(), device.hostname(), request.requestId(), request.keys().stream()
                            .map(k -> new Key(k.entitlement(), k.count())).toList()));
                }
            }
            devices += va.devices().size();
            List<Acknowledged> acks;
            try {
                acks = usage.isEmpty() ? List.of() : acknowledge(bundle.smartAccount(), va.virtualAccount(), usage, false, "bundle");
            } catch (Refused e) {
                throw new IllegalStateException("duplicates are acknowledged again for files", e);
            }
            List<Authorized> answers = requests.isEmpty() ? List.of() : authorize(bundle.smartAccount(), va.virtualAccount(), requests, "bundle");
            authorizations += answers.size();
            Map<String, UsageBundles.DeviceAnswer> byDevice = new LinkedHashMap<>();
            for (Acknowledged ack : acks) {
                byDevice.put(ack.sudi().udi(), new UsageBundles.DeviceAnswer(ack.sudi(), ack.document(), List.of()));
            }
            for (Authorized answer : answers) {
                if (answer.document() == null) {
                    continue;
                }
                UsageBundles.DeviceAnswer before = byDevice.get(answer.sudi().udi());
                List<byte[]> codes = new ArrayList<>(before == null ? List.of() : before.authorizations());
                codes.add(answer.document());
                byDevice.put(answer.sudi().udi(), new UsageBundles.DeviceAnswer(answer.sudi(),
                        before == null ? null : before.acknowledgement(), codes));
            }
            vas.add(new UsageBundles.VirtualAccountAnswer(va.virtualAccount(), List.copyOf(byDevice.values())));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] answer = UsageBundles.write(new UsageBundles.AckBundle(bundle.smartAccount(), now, vas), emulator.upstreamName());
        String name = fileName != null && fileName.matches("UD_SA_[A-Za-z0-9._-]+\\.tar\\.gz")
                ? UsageBundles.ackFileName(fileName) : UsageBundles.ackFileName(UsageBundles.usageFileName(now));
        return new BundleAnswer(name, answer, devices, reports, authorizations, skipped);
    }

    /** Reports received and authorisations given, per Smart Account, VA and device: for {@code show}. */
    public SlpLedger ledger() {
        return SlpLedger.read(stateDir);
    }

    /** Text for {@code show}: per Smart Account and VA, each device's reports and authorisations. */
    String describe() {
        SlpLedger ledger = ledger();
        if (ledger.reports().isEmpty() && ledger.authorizations().isEmpty()) {
            return "Usage (Smart Licensing Using Policy): nothing received.\n";
        }
        Map<String, Map<String, List<ReportReceived>>> byVa = new LinkedHashMap<>();
        for (ReportReceived r : ledger.reports()) {
            byVa.computeIfAbsent(r.smartAccount() + " / " + r.virtualAccount(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.udi(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder text = new StringBuilder("Usage (Smart Licensing Using Policy):\n");
        byVa.forEach((va, devices) -> {
            text.append("  ").append(va).append("\n");
            devices.forEach((udi, reports) -> {
                ReportReceived last = reports.get(reports.size() - 1);
                text.append("    ").append(udi).append(": ").append(reports.size()).append(" report(s), last ")
                        .append(last.reportId()).append(" received ").append(last.receivedAt()).append(" via ")
                        .append(last.via()).append("\n");
            });
        });
        for (AuthorizationGiven a : ledger.authorizations()) {
            text.append("  authorisation ").append(a.status()).append(" for ").append(a.udi()).append(" (")
                    .append(a.smartAccount()).append(" / ").append(a.virtualAccount()).append("): ")
                    .append(a.entitlements()).append(", ").append(a.at()).append(" via ").append(a.via()).append("\n");
        }
        return text.toString();
    }

    Accounts.VirtualAccount virtualAccount(String smartAccount, String virtualAccount) {
        Accounts accounts = emulator.accounts();
        Accounts.SmartAccount sa = accounts.smartAccount(smartAccount).orElseThrow(() -> new EmulatorException(
                EmulatorError.UNKNOWN_ACCOUNT, "no Smart Account '" + smartAccount + "' at this upstream"));
        return sa.virtualAccount(virtualAccount).orElseThrow(() -> new EmulatorException(EmulatorError.UNKNOWN_ACCOUNT,
                "Smart Account '" + smartAccount + "' has no Virtual Account '" + virtualAccount + "'"));
    }

    /** The VA's custom policy ({@code policies.json}), else the vendor's default. */
    public Policy policyOf(String smartAccount, String virtualAccount) {
        virtualAccount(smartAccount, virtualAccount);
        Policy custom = readPolicies().get(smartAccount + "/" + virtualAccount);
        return custom == null ? Policy.ciscoDefault() : custom;
    }

    /** Sets the policy acknowledgements for this VA carry from now on; null goes back to the vendor's default. */
    public void setPolicy(String smartAccount, String virtualAccount, Policy policy) {
        virtualAccount(smartAccount, virtualAccount);
        StateFiles.locked(stateDir, () -> {
            Map<String, Policy> policies = new java.util.TreeMap<>(readPolicies());
            if (policy == null) {
                policies.remove(smartAccount + "/" + virtualAccount);
            } else {
                policies.put(smartAccount + "/" + virtualAccount, policy);
            }
            Path file = stateDir.resolve(POLICIES_FILE);
            try {
                StateFiles.writePublic(file, SatelliteRecords.JSON.writeValueAsBytes(policies));
            } catch (java.io.IOException e) {
                throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot write " + file + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    private Map<String, Policy> readPolicies() {
        Path file = stateDir.resolve(POLICIES_FILE);
        if (!java.nio.file.Files.exists(file)) {
            return Map.of();
        }
        try {
            return SatelliteRecords.JSON.readValue(file.toFile(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Policy>>() { });
        } catch (java.io.IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String nonce() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return Long.toUnsignedString(java.nio.ByteBuffer.wrap(bytes).getLong());
    }

    private static String authorizationCode() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "SLAC-" + HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
