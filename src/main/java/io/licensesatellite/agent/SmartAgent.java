package io.licensesatellite.agent;

import io.licensesatellite.agent.AgentMessages.Authorization;
import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Deregistration;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentMessages.EntitlementStatus;
import io.licensesatellite.agent.AgentMessages.IdCertificateRenewal;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentMessages.Registration;
import io.licensesatellite.agent.AgentState.Usage;
import io.licensesatellite.pki.DeviceSignatures;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * One simulated device: the device side of the licence life cycle (domain brief) with its timers.
 * What to do next is a pure function of the stored state and the time ({@link #nextAction}); each
 * operation talks to the satellite once, records the result and saves the state.
 */
public final class SmartAgent {

    /** Where the device stands with its registration. */
    public enum RegistrationState { UNREGISTERED, REGISTERING, REGISTERED, REGISTRATION_EXPIRED }

    /** What the device may use its licences under. */
    public enum LicenseState { EVALUATION, EVALUATION_EXPIRED, REGISTERED, AUTHORIZED, OUT_OF_COMPLIANCE, AUTHORIZATION_EXPIRED }

    public record NextAction(Kind kind, Instant at) {
        public enum Kind { REGISTER, RENEW_ID_CERTIFICATE, RENEW_AUTHORIZATION, NONE }

        static final NextAction NONE = new NextAction(Kind.NONE, null);

        public boolean dueAt(Instant now) {
            return kind != Kind.NONE && !at.isAfter(now);
        }
    }

    /**
     * The result of one exchange with the satellite.
     *
     * @param status the satellite's status word (SUCCESS, FAILED, OK_TRY_AGAIN, LS_INVALID_DATA), or
     *               COMMUNICATION_FAILURE / UNTRUSTED_REPLY when no trustworthy answer came
     * @param message what the device would log: the failure reason verbatim, or a summary of the success
     */
    public record Attempt(NextAction.Kind action, String status, String message) {
        public boolean succeeded() {
            return "SUCCESS".equals(status);
        }
    }

    private final AgentState state;
    private final SmartAgentClient client;
    private final Clock clock;
    private final AgentStateStore store;
    private KeyPair keyPair;

    private SmartAgent(AgentState state, SmartAgentClient client, Clock clock, AgentStateStore store) {
        this.state = state;
        this.client = client;
        this.clock = clock;
        this.store = store;
    }

    /**
     * The device with this serial number from the store, or a new one (new key, UUID, evaluation period
     * starting now) saved there.
     *
     * @param store null to keep the device in memory only
     */
    public static SmartAgent loadOrCreate(AgentStateStore store, String pid, String serialNumber, SmartAgentClient client,
                                          Clock clock) {
        AgentStateStore.checkSerial(serialNumber);
        Optional<AgentState> stored = store == null ? Optional.empty() : store.load(serialNumber);
        if (stored.isPresent()) {
            return new SmartAgent(stored.get(), client, clock, store);
        }
        AgentState state = new AgentState();
        state.pid = pid;
        state.serialNumber = serialNumber;
        state.uuid = HexFormat.of().formatHex(randomBytes(16));
        state.hostname = "sim-" + serialNumber.toLowerCase();
        KeyPair keys = DeviceSignatures.generateEcKeyPair();
        state.privateKey = DeviceSignatures.toPem(keys.getPrivate());
        state.publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        state.createdAt = clock.instant();
        state.evaluationCountingSince = state.createdAt;
        SmartAgent agent = new SmartAgent(state, client, clock, store);
        agent.keyPair = keys;
        agent.save();
        return agent;
    }

    /** A device already in the store. */
    public static Optional<SmartAgent> load(AgentStateStore store, String serialNumber, SmartAgentClient client, Clock clock) {
        return store.load(serialNumber).map(state -> new SmartAgent(state, client, clock, store));
    }

    public String serialNumber() {
        return state.serialNumber;
    }

    public String udi() {
        return identity().udi();
    }

    public synchronized Optional<String> productInstanceId() {
        return Optional.ofNullable(state.productInstanceId);
    }

    public synchronized List<Entitlement> entitlementsInUse() {
        return state.entitlements.stream().map(u -> new Entitlement(u.tag(), u.count())).toList();
    }

    // ---------------------------------------------------------------- states

    public synchronized RegistrationState registrationState(Instant now) {
        if (state.registered()) {
            return now.isBefore(state.registrationExpires) ? RegistrationState.REGISTERED : RegistrationState.REGISTRATION_EXPIRED;
        }
        return state.pendingToken != null ? RegistrationState.REGISTERING : RegistrationState.UNREGISTERED;
    }

    public synchronized LicenseState licenseState(Instant now) {
        if (registrationState(now) != RegistrationState.REGISTERED) {
            return evaluationRemaining(now).isZero() ? LicenseState.EVALUATION_EXPIRED : LicenseState.EVALUATION;
        }
        if (state.authorizationStatus == null) {
            return LicenseState.REGISTERED;
        }
        if (!now.isBefore(state.authorizationExpires)) {
            return LicenseState.AUTHORIZATION_EXPIRED;
        }
        return "AUTHORIZED".equals(state.authorizationStatus) ? LicenseState.AUTHORIZED : LicenseState.OUT_OF_COMPLIANCE;
    }

    /** Evaluation runs while the device is unregistered or its registration has expired, and never restarts. */
    public synchronized Duration evaluationRemaining(Instant now) {
        Duration used = Duration.ofSeconds(state.evaluationUsedSeconds);
        if (state.evaluationCountingSince != null && now.isAfter(state.evaluationCountingSince)) {
            used = used.plus(Duration.between(state.evaluationCountingSince, now));
        }
        if (state.registered() && now.isAfter(state.registrationExpires)) {
            used = used.plus(Duration.between(state.registrationExpires, now));
        }
        Duration remaining = AgentTimers.EVALUATION_PERIOD.minus(used);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    /** What the device does next and when, from its state alone. */
    public synchronized NextAction nextAction(Instant now) {
        if (state.pendingToken != null) {
            Instant at = state.lastRegistrationAttempt == null ? now
                    : AgentTimers.nextRegistrationAttempt(state.registrationFirstAttempt, state.lastRegistrationAttempt);
            return new NextAction(NextAction.Kind.REGISTER, at);
        }
        if (registrationState(now) != RegistrationState.REGISTERED) {
            // An unregistered or expired device waits for an operator with a token.
            return NextAction.NONE;
        }
        Instant renewId = state.lastIdRenewalFailure == null ? state.renewIdAfter
                : latest(state.renewIdAfter, state.lastIdRenewalAttempt.plus(AgentTimers.ID_CERTIFICATE_RETRY));
        NextAction id = new NextAction(NextAction.Kind.RENEW_ID_CERTIFICATE, renewId);
        if (state.entitlements.isEmpty()) {
            return id;
        }
        NextAction authorization = new NextAction(NextAction.Kind.RENEW_AUTHORIZATION, nextAuthorizationAttempt(now));
        return Stream.of(id, authorization).min(Comparator.comparing(NextAction::at)).orElseThrow();
    }

    private Instant nextAuthorizationAttempt(Instant now) {
        if (state.authorizationStatus == null) {
            return state.lastAuthorizationAttempt == null ? now
                    : state.lastAuthorizationAttempt.plus(AgentTimers.FIRST_AUTHORIZATION_RETRY);
        }
        if (!now.isBefore(state.authorizationExpires)) {
            return AgentTimers.nextExpiredAttempt(state.lastAuthorizationAttempt);
        }
        if ("OUT_OF_COMPLIANCE".equals(state.authorizationStatus)) {
            return AgentTimers.nextOutOfComplianceAttempt(state.outOfComplianceSince, state.lastAuthorizationAttempt);
        }
        return AgentTimers.nextAuthorizedAttempt(state.nextRenewal, state.lastAuthorizationSuccess, state.lastAuthorizationAttempt);
    }

    /** Performs the next action if it is due. */
    public synchronized Optional<Attempt> runDue() {
        Instant now = clock.instant();
        NextAction next = nextAction(now);
        if (!next.dueAt(now)) {
            return Optional.empty();
        }
        return Optional.of(switch (next.kind()) {
            case REGISTER -> attemptRegistration();
            case RENEW_ID_CERTIFICATE -> renewIdCertificate();
            case RENEW_AUTHORIZATION -> renewAuthorization();
            case NONE -> throw new IllegalStateException("nothing is due");
        });
    }

    // ---------------------------------------------------------------- operations

    /** {@code license smart register idtoken <token> [force]}: tries at once, and keeps retrying on its timers while it fails transiently. */
    public synchronized Attempt register(String idToken, boolean force) {
        state.pendingToken = idToken;
        state.pendingForce = force;
        state.registrationFirstAttempt = clock.instant();
        state.lastRegistrationAttempt = null;
        state.lastRegistrationFailure = null;
        return attemptRegistration();
    }

    private Attempt attemptRegistration() {
        Instant now = clock.instant();
        state.lastRegistrationAttempt = now;
        state.transport = client.framing() == SmartAgentClient.Framing.JSON ? "Smart" : "Callhome";
        Exchange<Registration> exchange = exchange(NextAction.Kind.REGISTER, now, () -> client.register(identity(),
                new RegisterRequest(state.pendingToken, state.pendingForce, state.hostname, "Simulated " + state.pid,
                        SmartAgentClient.AGENT_VERSION, false, true),
                certificate(state.caCertificate), certificate(state.signerCertificate)), (reason, retryable) -> {
                    state.lastRegistrationFailure = reason;
                    if (!retryable) {
                        // The satellite refused: retrying the same token would only be refused again.
                        state.pendingToken = null;
                    }
                });
        if (exchange.failed() != null) {
            return exchange.failed();
        }
        Registration r = exchange.data();
        stopEvaluationClock(now);
        state.pendingToken = null;
        state.lastRegistrationFailure = null;
        state.productInstanceId = r.productInstanceId();
        state.smartAccount = r.smartAccount();
        state.virtualAccount = r.virtualAccount();
        state.exportControlledAllowed = r.exportControlledAllowed();
        state.idCertificate = r.idCertificatePem();
        state.idCertSerial = r.idCertSerial();
        state.signerCertificate = r.signerCertificatePem();
        state.signerSerial = r.signerSerial();
        state.caCertificate = r.caCertificatePem();
        state.initialRegistration = now;
        state.registrationExpires = r.registrationExpires();
        state.renewIdAfter = r.renewAfter();
        state.lastIdRenewalAttempt = null;
        state.lastIdRenewalSuccess = null;
        state.lastIdRenewalFailure = null;
        resetAuthorization();
        communicated(now);
        save();
        return new Attempt(NextAction.Kind.REGISTER, "SUCCESS", "registered as instance " + r.productInstanceId()
                + " in " + r.smartAccount() + " / " + r.virtualAccount());
    }

    /** Sets the licences in use and, when registered, asks for their authorisation at once. */
    public synchronized Attempt authorize(List<Entitlement> entitlements) {
        List<Usage> usage = new ArrayList<>();
        for (Entitlement e : entitlements) {
            usage.add(new Usage(e.tag(), e.count(), null));
        }
        state.entitlements = usage;
        state.authorizationStatus = null;
        state.outOfComplianceSince = null;
        state.lastAuthorizationAttempt = null;
        save();
        if (registrationState(clock.instant()) != RegistrationState.REGISTERED) {
            return new Attempt(NextAction.Kind.RENEW_AUTHORIZATION, "EVALUATION",
                    "not registered: the licences are used in evaluation mode");
        }
        return renewAuthorization();
    }

    /** {@code license smart renew auth}. */
    public synchronized Attempt renewAuthorization() {
        Instant now = clock.instant();
        if (state.entitlements.isEmpty()) {
            return new Attempt(NextAction.Kind.RENEW_AUTHORIZATION, "NO_LICENSES_IN_USE", "no licences in use, nothing to authorise");
        }
        if (!state.registered()) {
            return new Attempt(NextAction.Kind.RENEW_AUTHORIZATION, "UNREGISTERED", "the device is not registered");
        }
        state.lastAuthorizationAttempt = now;
        Exchange<Authorization> exchange = exchange(NextAction.Kind.RENEW_AUTHORIZATION, now,
                () -> client.authorize(credentials(), entitlementsInUse()),
                (reason, retryable) -> state.lastAuthorizationFailure = reason);
        if (exchange.failed() != null) {
            return exchange.failed();
        }
        Authorization a = exchange.data();
        List<Usage> usage = new ArrayList<>();
        for (Usage u : state.entitlements) {
            String status = a.entitlements().stream().filter(e -> e.tag().equals(u.tag())).map(EntitlementStatus::status)
                    .findFirst().orElse(a.status());
            usage.add(new Usage(u.tag(), u.count(), status));
        }
        state.entitlements = usage;
        if (a.compliant()) {
            state.authorizedAt = now;
            state.outOfComplianceSince = null;
        } else if (!"OUT_OF_COMPLIANCE".equals(state.authorizationStatus) || state.outOfComplianceSince == null) {
            state.outOfComplianceSince = now;
        }
        state.authorizationStatus = a.status();
        state.authorizationExpires = a.authorizationExpires();
        state.nextRenewal = a.nextRenewal();
        state.lastAuthorizationSuccess = now;
        state.lastAuthorizationFailure = null;
        communicated(now);
        save();
        return new Attempt(NextAction.Kind.RENEW_AUTHORIZATION, "SUCCESS", a.status() + " until " + a.authorizationExpires());
    }

    /** Renews the ID certificate for the same key (real devices keep their key across renewals). */
    public synchronized Attempt renewIdCertificate() {
        Instant now = clock.instant();
        if (!state.registered()) {
            return new Attempt(NextAction.Kind.RENEW_ID_CERTIFICATE, "UNREGISTERED", "the device is not registered");
        }
        state.lastIdRenewalAttempt = now;
        Exchange<IdCertificateRenewal> exchange = exchange(NextAction.Kind.RENEW_ID_CERTIFICATE, now,
                () -> client.renewIdCertificate(credentials(), null), (reason, retryable) -> state.lastIdRenewalFailure = reason);
        if (exchange.failed() != null) {
            return exchange.failed();
        }
        IdCertificateRenewal r = exchange.data();
        state.idCertificate = r.idCertificatePem();
        state.idCertSerial = r.idCertSerial();
        state.registrationExpires = r.registrationExpires();
        state.renewIdAfter = r.renewAfter();
        state.lastIdRenewalSuccess = now;
        state.lastIdRenewalFailure = null;
        communicated(now);
        save();
        return new Attempt(NextAction.Kind.RENEW_ID_CERTIFICATE, "SUCCESS", "ID certificate " + r.idCertSerial()
                + ", registration expires " + r.registrationExpires());
    }

    /** Deregisters; the device forgets its registration only once the satellite has confirmed. */
    public synchronized Attempt deregister() {
        Instant now = clock.instant();
        if (!state.registered()) {
            return new Attempt(NextAction.Kind.NONE, "UNREGISTERED", "the device is not registered");
        }
        Exchange<Deregistration> exchange = exchange(NextAction.Kind.NONE, now, () -> client.deregister(credentials()),
                (reason, retryable) -> { });
        if (exchange.failed() != null) {
            return exchange.failed();
        }
        String instance = state.productInstanceId;
        stopEvaluationClock(now);
        state.evaluationCountingSince = now;
        state.productInstanceId = null;
        state.smartAccount = null;
        state.virtualAccount = null;
        state.exportControlledAllowed = false;
        state.idCertificate = null;
        state.idCertSerial = null;
        state.initialRegistration = null;
        state.registrationExpires = null;
        state.renewIdAfter = null;
        state.lastIdRenewalAttempt = null;
        state.lastIdRenewalSuccess = null;
        state.lastIdRenewalFailure = null;
        resetAuthorization();
        communicated(now);
        save();
        return new Attempt(NextAction.Kind.NONE, "SUCCESS", "deregistered instance " + instance);
    }

    // ---------------------------------------------------------------- views

    /** The {@code show license status} view at {@code now}. */
    public synchronized String showLicenseStatus(Instant now) {
        return ShowLicenseStatus.render(state, registrationState(now), licenseState(now), evaluationRemaining(now),
                nextAction(now), state.entitlements.isEmpty() ? null : nextAuthorizationAttempt(now), now);
    }

    public String showLicenseStatus() {
        return showLicenseStatus(clock.instant());
    }

    // ---------------------------------------------------------------- internals

    private void resetAuthorization() {
        List<Usage> usage = new ArrayList<>();
        for (Usage u : state.entitlements) {
            usage.add(new Usage(u.tag(), u.count(), null));
        }
        state.entitlements = usage;
        state.authorizationStatus = null;
        state.authorizedAt = null;
        state.authorizationExpires = null;
        state.nextRenewal = null;
        state.outOfComplianceSince = null;
        state.lastAuthorizationAttempt = null;
        state.lastAuthorizationSuccess = null;
        state.lastAuthorizationFailure = null;
    }

    private void stopEvaluationClock(Instant now) {
        long used = state.evaluationUsedSeconds;
        if (state.evaluationCountingSince != null && now.isAfter(state.evaluationCountingSince)) {
            used += Duration.between(state.evaluationCountingSince, now).toSeconds();
        }
        if (state.registered() && now.isAfter(state.registrationExpires)) {
            used += Duration.between(state.registrationExpires, now).toSeconds();
        }
        state.evaluationUsedSeconds = used;
        state.evaluationCountingSince = null;
    }

    /** How an exchange ended: the answer's data, or the attempt to report because there was none. */
    private record Exchange<T>(T data, Attempt failed) {}

    /** Where a failed exchange is noted: the reason, and whether retrying the same request may succeed. */
    private interface FailureNote {
        void note(String reason, boolean retryable);
    }

    /**
     * One request to the satellite: no answer (communication failure, retried on the timers) and a refusal are
     * noted and turned into the attempt to report; a success hands back its data.
     */
    private <T> Exchange<T> exchange(NextAction.Kind action, Instant now, java.util.function.Supplier<AgentReply<T>> call,
                                     FailureNote note) {
        AgentReply<T> reply;
        try {
            reply = call.get();
        } catch (SmartAgentException e) {
            note.note(e.getMessage(), true);
            return new Exchange<>(null, communicationFailed(action, e, now));
        }
        if (reply instanceof AgentReply.Failure<T> failure) {
            note.note(failure.failureReason(), failure.transientFailure());
            return new Exchange<>(null, answered(action, failure, now));
        }
        return new Exchange<>(((AgentReply.Success<T>) reply).data(), null);
    }

    private Attempt communicationFailed(NextAction.Kind action, SmartAgentException e, Instant now) {
        state.lastCommunicationAttempt = now;
        state.lastCommunicationSucceeded = false;
        state.lastCommunicationFailure = e.getMessage();
        save();
        String status = e.kind() == SmartAgentException.Kind.UNTRUSTED_REPLY ? "UNTRUSTED_REPLY" : "COMMUNICATION_FAILURE";
        return new Attempt(action, status, e.getMessage());
    }

    private Attempt answered(NextAction.Kind action, AgentReply.Failure<?> failure, Instant now) {
        // The satellite answered: communication worked even though the request was refused.
        state.lastCommunicationAttempt = now;
        state.lastCommunicationSucceeded = true;
        state.lastCommunicationFailure = null;
        save();
        return new Attempt(action, failure.status(), failure.failureReason());
    }

    private void communicated(Instant now) {
        state.lastCommunicationAttempt = now;
        state.lastCommunicationSucceeded = true;
        state.lastCommunicationFailure = null;
    }

    private DeviceIdentity identity() {
        if (keyPair == null) {
            PublicKey publicKey = DeviceSignatures.publicKey(Base64.getDecoder().decode(state.publicKey));
            keyPair = new KeyPair(publicKey, DeviceSignatures.parsePrivateKey(state.privateKey));
        }
        return new DeviceIdentity(state.pid, state.serialNumber, state.uuid, keyPair);
    }

    private Credentials credentials() {
        return new Credentials(identity(), state.productInstanceId, state.idCertSerial, state.signerSerial,
                certificate(state.signerCertificate), certificate(state.caCertificate));
    }

    private static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static X509Certificate certificate(String pem) {
        return pem == null ? null : DeviceSignatures.parseCertificate(pem);
    }

    private void save() {
        X509Certificate rolled = client.newestSigner();
        if (rolled != null && state.caCertificate != null && !rolled.getSerialNumber().toString().equals(state.signerSerial)
                && issuedBy(rolled, certificate(state.caCertificate))) {
            state.signerCertificate = DeviceSignatures.toPem(rolled);
            state.signerSerial = rolled.getSerialNumber().toString();
        }
        if (store != null) {
            store.save(state);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
