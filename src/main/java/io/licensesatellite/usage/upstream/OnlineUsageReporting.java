package io.licensesatellite.usage.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.sync.OnlineSync;
import io.licensesatellite.sync.RetryBackoff;
import io.licensesatellite.sync.SatelliteIdentity;
import io.licensesatellite.sync.UpstreamEndpoint;
import io.licensesatellite.sync.UpstreamException;
import io.licensesatellite.sync.file.slp.SlpDocuments;
import io.licensesatellite.usage.upstream.UsageUpstreamStore.OutgoingAuthorizationRequest;
import io.licensesatellite.usage.upstream.UsageUpstreamStore.OutgoingReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Usage up and acknowledgements down over the upstream's REST API (protocol-facts B5): a client-credentials token
 * (cached until shortly before it expires), then first every poll that is due (OK_POLL: later again; COMPLETE:
 * acknowledgements and codes checked and stored; FAILED: its reports pending again), then pending reports per VA in
 * batches ({@code reportusage}, marked SENT with the poll id) and pending authorisation requests
 * ({@code authrequest}). A failure that may pass (network, 5xx, 429) is retried with backoff; a refusal is not.
 * Never two runs at once.
 */
@ApplicationScoped
public class OnlineUsageReporting {
    private static final Logger LOG = Logger.getLogger(OnlineUsageReporting.class);
    static final String REPORT_USAGE = "v2/devices/reportusage";
    static final String AUTH_REQUEST = "v2/devices/authrequest";
    static final String POLL = "v2/accounts/poll";
    static final int POLLS_PER_RUN = 100;
    private static final SecureRandom NONCES = new SecureRandom();

    private final UsageUpstreamSettings settings;
    private final UsageUpstreamRepository repository;
    private final UsageUpstreamStore store;
    private final UpstreamAnswers answers;
    private final UsageUpstreamChannel channel;
    private final OnlineSync sync;
    private final SatelliteIdentity identity;
    private final UsageUpstreamConfig config;
    private final Clock clock;
    private final RetryBackoff backoff;
    private final ReentrantLock running = new ReentrantLock();
    private volatile CachedToken token;

    public OnlineUsageReporting(UsageUpstreamSettings settings, UsageUpstreamRepository repository, UsageUpstreamStore store,
            UpstreamAnswers answers, UsageUpstreamChannel channel, OnlineSync sync, SatelliteIdentity identity,
            UsageUpstreamConfig config, Clock clock) {
        this.settings = settings;
        this.repository = repository;
        this.store = store;
        this.answers = answers;
        this.channel = channel;
        this.sync = sync;
        this.identity = identity;
        this.config = config;
        this.clock = clock;
        this.backoff = RetryBackoff.defaults(RandomGenerator.getDefault());
    }

    private record CachedToken(String clientId, URI tokenUrl, String value, Instant renewAt) {}

    /** What one run did. */
    public record Outcome(int reportsSent, int authorizationRequestsSent, int polled, int acknowledgementsStored,
            int reportsAcknowledged, int codesStored, int stillPolling, List<String> refusals) {
        String summary() {
            return reportsSent + " report(s) and " + authorizationRequestsSent + " authorisation request(s) sent, "
                    + polled + " poll(s), " + acknowledgementsStored + " acknowledgement(s) for " + reportsAcknowledged
                    + " report(s) and " + codesStored + " code(s) stored, " + stillPolling + " poll(s) open"
                    + (refusals.isEmpty() ? "" : "; refused: " + String.join("; ", refusals));
        }
    }

    /** The status for operators: settings, last run, open polls. */
    public record Status(UsageUpstreamSettings.SettingsView settings, Instant lastRunAt, String lastResult, String lastError,
            int consecutiveFailures, Instant nextRetryAt, long openPolls) {}

    @Transactional
    public Status status() {
        UsageUpstreamState state = repository.state();
        return new Status(settings.view(), state.lastRunAt, state.lastResult, state.lastError, state.consecutiveFailures,
                state.nextRetryAt, repository.openPolls());
    }

    /** The scheduler's entry: runs when configured and not backing off; failures are in the status. */
    public Optional<Outcome> runIfDue(Instant now) {
        if (running.isLocked() || !dueAt(now)) {
            return Optional.empty();
        }
        try {
            return Optional.of(run());
        } catch (SatelliteException e) {
            LOG.warnf("Usage upstream run did not complete: %s", e.getMessage());
            return Optional.empty();
        }
    }

    @Transactional
    boolean dueAt(Instant now) {
        UsageUpstreamState state = repository.state();
        return state.configured() && (state.nextRetryAt == null || !now.isBefore(state.nextRetryAt));
    }

    /** One run now: polls due, then pending reports and authorisation requests. */
    public Outcome run() {
        if (!running.tryLock()) {
            throw new SatelliteException(ErrorKind.SYNC_IN_PROGRESS, "A usage upstream run is already under way");
        }
        try {
            Outcome outcome = runExclusively();
            recordRun(outcome, null, false);
            return outcome;
        } catch (UpstreamException e) {
            recordRun(null, e.getMessage(), e.retryable());
            throw new SatelliteException(e.retryable() ? ErrorKind.UPSTREAM_UNAVAILABLE : ErrorKind.UPSTREAM_REFUSED, e.getMessage());
        } catch (SatelliteException e) {
            recordRun(null, e.getMessage(), false);
            throw e;
        } finally {
            running.unlock();
        }
    }

    private Outcome runExclusively() throws UpstreamException {
        UsageUpstreamSettings.Effective effective = settings.effective();
        Counts counts = new Counts();
        for (UpstreamPoll poll : duePolls()) {
            poll(effective, poll, counts);
        }
        for (int batch = 0; batch < config.maxBatchesPerRun(); batch++) {
            List<OutgoingReport> pending = pendingReports(effective.batchSize());
            if (pending.isEmpty()) {
                break;
            }
            sendReports(effective, pending, counts);
        }
        List<OutgoingAuthorizationRequest> requests = pendingAuthorizationRequests(effective.batchSize());
        if (!requests.isEmpty()) {
            sendAuthorizationRequests(effective, requests, counts);
        }
        return new Outcome(counts.reportsSent, counts.requestsSent, counts.polled, counts.acks, counts.reportsAcknowledged,
                counts.codes, (int) openPolls(), counts.refusals);
    }

    private static final class Counts {
        int reportsSent;
        int requestsSent;
        int polled;
        int acks;
        int reportsAcknowledged;
        int codes;
        final List<String> refusals = new ArrayList<>();
    }

    // --- sending ---------------------------------------------------------------------------------------------

    private void sendReports(UsageUpstreamSettings.Effective effective, List<OutgoingReport> pending, Counts counts)
            throws UpstreamException {
        Map<String, List<OutgoingReport>> byVa = new LinkedHashMap<>();
        for (OutgoingReport report : pending) {
            byVa.computeIfAbsent(report.virtualAccount(), k -> new ArrayList<>()).add(report);
        }
        for (Map.Entry<String, List<OutgoingReport>> va : byVa.entrySet()) {
            ObjectNode body = SlpDocuments.JSON.createObjectNode();
            ObjectNode data = body.putObject("data").put("timestamp", clock.millis()).put("nonce", nonce());
            ArrayNode reports = data.putArray("reports");
            Map<String, ArrayNode> usageByDevice = new LinkedHashMap<>();
            for (OutgoingReport report : va.getValue()) {
                ArrayNode usage = usageByDevice.computeIfAbsent(report.sudi().udi(), udi -> {
                    ObjectNode device = reports.addObject();
                    device.set("sudi", SlpDocuments.JSON.valueToTree(report.sudi()));
                    device.put("software_tag_identifier", report.softwareTag());
                    return device.putArray("usage");
                });
                // The payload string goes up exactly as signed; the signature object exactly as the device wrote it.
                usage.addObject().put("payload", report.payload()).putRawValue("signature", new RawValue(report.signatureJson()));
            }
            JsonNode answer = call(effective, REPORT_USAGE, va.getKey(), body);
            String status = answer.path("status").asText("");
            List<Long> ids = va.getValue().stream().map(OutgoingReport::id).toList();
            if (status.equals("OK_POLL") && answer.path("poll_id").canConvertToLong()) {
                long pollId = answer.path("poll_id").asLong();
                opened(pollId, UpstreamPoll.ACKNOWLEDGEMENTS, va.getKey(), ids, answer.path("poll_interval").asLong(300), false);
                counts.reportsSent += ids.size();
            } else {
                // FAILED (a duplicate, a report the upstream will not take): those reports are parked under the
                // refusal, so the next run does not send them again; the status shows why.
                String message = answer.path("message").asText("no message");
                markRefused(ids, "refused:" + clock.millis(), false);
                counts.refusals.add("Virtual Account " + va.getKey() + ": " + status + " " + message);
            }
        }
    }

    private void sendAuthorizationRequests(UsageUpstreamSettings.Effective effective, List<OutgoingAuthorizationRequest> requests,
            Counts counts) throws UpstreamException {
        Map<String, List<OutgoingAuthorizationRequest>> byVa = new LinkedHashMap<>();
        for (OutgoingAuthorizationRequest request : requests) {
            byVa.computeIfAbsent(request.virtualAccount(), k -> new ArrayList<>()).add(request);
        }
        for (Map.Entry<String, List<OutgoingAuthorizationRequest>> va : byVa.entrySet()) {
            ObjectNode body = SlpDocuments.JSON.createObjectNode();
            ArrayNode licenses = body.putObject("data").put("timestamp", clock.millis()).put("nonce", nonce()).putArray("licenses");
            for (OutgoingAuthorizationRequest request : va.getValue()) {
                ObjectNode license = licenses.addObject();
                license.set("sudi", SlpDocuments.JSON.valueToTree(request.sudi()));
                license.put("correlation_id", String.valueOf(request.id()));
                ArrayNode keys = license.putArray("keys");
                for (UsageUpstreamStore.Entitlement e : request.entitlements()) {
                    keys.addObject().put("entitlement", e.tag()).put("count", e.count());
                }
            }
            JsonNode answer = call(effective, AUTH_REQUEST, va.getKey(), body);
            List<Long> ids = va.getValue().stream().map(OutgoingAuthorizationRequest::id).toList();
            if (answer.path("status").asText("").equals("OK_POLL") && answer.path("poll_id").canConvertToLong()) {
                opened(answer.path("poll_id").asLong(), UpstreamPoll.AUTHORIZATIONS, va.getKey(), ids,
                        answer.path("poll_interval").asLong(300), true);
                counts.requestsSent += ids.size();
            } else {
                markRefused(ids, "refused:" + clock.millis(), true);
                counts.refusals.add("authorisation requests of Virtual Account " + va.getKey() + ": "
                        + answer.path("status").asText("") + " " + answer.path("message").asText("no message"));
            }
        }
    }

    // --- polling ---------------------------------------------------------------------------------------------

    private void poll(UsageUpstreamSettings.Effective effective, UpstreamPoll poll, Counts counts) throws UpstreamException {
        ObjectNode body = SlpDocuments.JSON.createObjectNode();
        body.putObject("data").put("timestamp", clock.millis()).put("nonce", nonce()).put("poll_id", poll.pollId)
                .put("action", poll.action);
        JsonNode answer = call(effective, POLL, poll.virtualAccount, body);
        counts.polled++;
        String status = answer.path("status").asText("");
        switch (status) {
            case "OK_POLL" -> pollAgain(poll.id, answer.path("poll_interval").asLong(300));
            case "COMPLETE" -> complete(poll.id, answer.path("data"), counts);
            default -> {
                failedPoll(poll.id);
                counts.refusals.add("poll " + poll.pollId + ": " + status + " " + answer.path("message").asText("no message")
                        + "; its items are pending again");
            }
        }
    }

    /** Every acknowledgement and code of a COMPLETE answer checked and stored in one transaction, or none of them. */
    @Transactional
    void complete(long pollRowId, JsonNode data, Counts counts) {
        UpstreamPoll poll = repository.findById(pollRowId);
        String from = "upstream poll " + poll.pollId;
        Base64.Decoder base64 = Base64.getDecoder();
        int acks = 0;
        int reports = 0;
        int codes = 0;
        for (JsonNode ack : data.path("acknowledgements")) {
            byte[] document = decode(base64, ack.path("smart_license"), from);
            UpstreamAnswers.AckRecorded recorded = answers.acknowledgement(document, from);
            acks++;
            reports += recorded.reports();
        }
        for (JsonNode auth : data.path("authorizations")) {
            if (!auth.path("smart_license").isTextual()) {
                continue;  // refused upstream (auth_status FAILED): the request stays SENT, its reason in the log
            }
            Long expected = null;
            if (auth.path("correlation_id").isTextual()) {
                try {
                    expected = Long.parseLong(auth.path("correlation_id").asText());
                } catch (NumberFormatException e) {
                    expected = null;
                }
            }
            answers.authorization(decode(base64, auth.path("smart_license"), from), from, expected);
            codes++;
        }
        repository.delete(poll);
        counts.acks += acks;
        counts.reportsAcknowledged += reports;
        counts.codes += codes;
    }

    private static byte[] decode(Base64.Decoder base64, JsonNode node, String from) {
        try {
            return base64.decode(node.asText(""));
        } catch (IllegalArgumentException e) {
            throw new SatelliteException(ErrorKind.USAGE_ACK_NOT_TRUSTED, "A smart_license from " + from + " is not base64");
        }
    }

    // --- state -----------------------------------------------------------------------------------------------

    @Transactional
    List<UpstreamPoll> duePolls() {
        List<UpstreamPoll> due = repository.duePolls(clock.instant(), POLLS_PER_RUN);
        due.forEach(repository.getEntityManager()::detach);
        return due;
    }

    @Transactional
    long openPolls() {
        return repository.openPolls();
    }

    @Transactional
    List<OutgoingReport> pendingReports(int limit) {
        return store.pendingReports(limit);
    }

    @Transactional
    List<OutgoingAuthorizationRequest> pendingAuthorizationRequests(int limit) {
        return store.pendingAuthorizationRequests(limit);
    }

    @Transactional
    void opened(long pollId, String action, String virtualAccount, List<Long> ids, long pollIntervalSeconds, boolean requests) {
        String correlation = "poll:" + pollId;
        if (requests) {
            store.markAuthorizationRequestsSent(ids, correlation);
        } else {
            store.markReportsSent(ids, correlation);
        }
        UpstreamPoll poll = new UpstreamPoll();
        poll.pollId = pollId;
        poll.action = action;
        poll.correlation = correlation;
        poll.virtualAccount = virtualAccount;
        poll.itemCount = ids.size();
        poll.createdAt = clock.instant();
        poll.nextPollAt = nextPoll(pollIntervalSeconds);
        poll.polls = 0;
        repository.persist(poll);
    }

    @Transactional
    void markRefused(List<Long> ids, String correlation, boolean requests) {
        if (requests) {
            store.markAuthorizationRequestsSent(ids, correlation);
        } else {
            store.markReportsSent(ids, correlation);
        }
    }

    @Transactional
    void pollAgain(long pollRowId, long pollIntervalSeconds) {
        UpstreamPoll poll = repository.findById(pollRowId);
        poll.polls++;
        poll.nextPollAt = nextPoll(pollIntervalSeconds);
    }

    @Transactional
    void failedPoll(long pollRowId) {
        UpstreamPoll poll = repository.findById(pollRowId);
        if (poll.action.equals(UpstreamPoll.AUTHORIZATIONS)) {
            store.resetAuthorizationRequestsToPending(poll.correlation);
        } else {
            store.resetReportsToPending(poll.correlation);
        }
        repository.delete(poll);
    }

    @Transactional
    void recordRun(Outcome outcome, String error, boolean retryable) {
        UsageUpstreamState state = repository.lockedState();
        Instant now = clock.instant();
        state.lastRunAt = now;
        if (error == null) {
            state.lastResult = truncate(outcome.summary());
            state.lastError = outcome.refusals().isEmpty() ? null : truncate(String.join("; ", outcome.refusals()));
            state.consecutiveFailures = 0;
            state.nextRetryAt = null;
        } else {
            state.lastError = truncate(error);
            state.consecutiveFailures++;
            state.nextRetryAt = retryable ? backoff.nextAttempt(now, state.consecutiveFailures).orElse(null) : null;
        }
    }

    /**
     * Whole seconds: the database keeps microseconds and rounds, so an instant with nanoseconds could be stored a
     * little later than it is and miss the run it is due in.
     */
    private Instant nextPoll(long pollIntervalSeconds) {
        return clock.instant().plus(pollWait(pollIntervalSeconds)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private Duration pollWait(long seconds) {
        Duration asked = Duration.ofSeconds(Math.max(0, seconds));
        if (asked.compareTo(config.minPollInterval()) < 0) {
            return config.minPollInterval();
        }
        return asked.compareTo(config.maxPollInterval()) > 0 ? config.maxPollInterval() : asked;
    }

    // --- HTTP ------------------------------------------------------------------------------------------------

    /** A JSON call with a bearer token; a 401 fetches a new token once. */
    private JsonNode call(UsageUpstreamSettings.Effective effective, String path, String virtualAccount, ObjectNode body)
            throws UpstreamException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        URI url = effective.apiBaseUrl().resolve(path);
        for (int attempt = 0; ; attempt++) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + token(effective, attempt > 0));
            headers.put("X-CSW-SMART-ACCOUNT-ID", effective.smartAccountId());
            headers.put("X-CSW-VIRTUAL-ACCOUNT-ID", virtualAccount);
            headers.put("X-CSW-REQUESTING-SYSTEM", requestingSystem());
            UsageUpstreamChannel.Answer answer = channel.post(endpoint(url), headers, "application/json", bytes);
            if (answer.status() == 401 && attempt == 0) {
                continue;
            }
            return json(answer, url);
        }
    }

    private String token(UsageUpstreamSettings.Effective effective, boolean fresh) throws UpstreamException {
        CachedToken cached = token;
        Instant now = clock.instant();
        if (!fresh && cached != null && cached.clientId().equals(effective.clientId())
                && cached.tokenUrl().equals(effective.tokenUrl()) && now.isBefore(cached.renewAt())) {
            return cached.value();
        }
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(effective.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(effective.clientSecret(), StandardCharsets.UTF_8);
        UsageUpstreamChannel.Answer answer = channel.post(endpoint(effective.tokenUrl()), Map.of(),
                "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
        JsonNode body = parse(answer.body());
        if (answer.status() != 200 || !body.path("access_token").isTextual()) {
            throw new UpstreamException("the upstream refused the client credentials of client '" + effective.clientId()
                    + "' (HTTP " + answer.status() + (body.path("error").isTextual() ? ", " + body.path("error").asText() : "")
                    + "): check the client id and secret", answer.status() >= 500 || answer.status() == 429, null);
        }
        long expiresIn = body.path("expires_in").asLong(3599);
        Instant renewAt = now.plusSeconds(expiresIn).minus(config.tokenRenewBefore());
        token = new CachedToken(effective.clientId(), effective.tokenUrl(), body.path("access_token").asText(), renewAt);
        return token.value();
    }

    private JsonNode json(UsageUpstreamChannel.Answer answer, URI url) throws UpstreamException {
        int status = answer.status();
        JsonNode body = parse(answer.body());
        if (status >= 500 || status == 429 || status == 408) {
            throw new UpstreamException("the upstream " + url.getHost() + " answered HTTP " + status + ": try again later", true, null);
        }
        if (status == 401) {
            throw new UpstreamException("the upstream refused the access token twice (HTTP 401)", false, null);
        }
        if (status >= 400 && !body.path("status").isTextual()) {
            throw new UpstreamException("the upstream refused the call (HTTP " + status + ")", false, null);
        }
        if (!body.isObject()) {
            throw new UpstreamException("the upstream's answer to " + url.getPath() + " is not JSON", false, null);
        }
        return body;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = SlpDocuments.JSON.readTree(body);
            return node == null ? SlpDocuments.JSON.createObjectNode() : node;
        } catch (IOException e) {
            return SlpDocuments.JSON.createObjectNode();
        }
    }

    private UpstreamEndpoint endpoint(URI url) {
        return sync.endpointFor(url);
    }

    private String requestingSystem() {
        ObjectNode system = SlpDocuments.JSON.createObjectNode().put("udi_pid", "LICENSE-SATELLITE")
                .put("udi_serial_number", identity.id()).put("display_name", identity.name());
        return system.toString();
    }

    private static String nonce() {
        return Long.toUnsignedString(NONCES.nextLong());
    }

    private static String truncate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }
}
