package io.licensesatellite.upstream;

import io.licensesatellite.sync.file.AuthorizationFile;
import io.licensesatellite.sync.file.RegistrationFile;
import io.licensesatellite.sync.file.SignerTrust;
import io.licensesatellite.sync.file.SyncFileException;
import io.licensesatellite.sync.file.SyncFileLimits;
import io.licensesatellite.sync.file.SyncFiles;
import io.licensesatellite.sync.file.SyncFiles.Signed;
import io.licensesatellite.sync.file.SyncRequestFile;
import io.licensesatellite.sync.file.SyncResponseFile;
import io.licensesatellite.sync.file.SyncResponseFile.Alert;
import io.licensesatellite.sync.file.SyncResponseFile.LicenseLine;
import io.licensesatellite.sync.file.SyncResponseFile.VirtualAccountLicenses;
import io.licensesatellite.upstream.Accounts.SmartAccount;
import io.licensesatellite.upstream.Accounts.VirtualAccount;
import io.licensesatellite.upstream.SatelliteRecord.AnsweredRequest;
import io.licensesatellite.upstream.SatelliteRecord.IssuedCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A stand-in for the upstream (the vendor's CSSM) for labs and tests: registers satellites from their registration
 * files and answers their sync requests, from a state directory. Plain Java, no CDI: nothing here is shared with the
 * satellite but the sync file model. Every operation that writes holds the state directory's lock.
 *
 * <p>Decisions (see docs/upstream-emulator.md): registering an already registered satellite again re-issues its
 * identity certificate (for the key of the new registration file), replaces its Smart Account and VAs, supersedes its
 * earlier certificates and forgets its answered requests (the next response is complete), keeping its last report.
 * A request older than the last one answered is still answered (the satellite decides about replay) but does not
 * roll the stored report back.
 */
public final class UpstreamEmulator {
    public static final String DEFAULT_UPSTREAM_NAME = "upstream-emulator";
    static final String SETTINGS_FILE = "upstream.json";
    static final int FORMAT = 1;

    private final Path stateDir;
    private final Clock clock;
    private final SyncFileLimits limits;
    private final SyncFiles files;
    private final SatelliteRecords records;
    private final SlpUpstream slp;
    private final OAuthClients oauthClients;

    public UpstreamEmulator(Path stateDir, Clock clock) {
        this(stateDir, clock, SyncFileLimits.defaults());
    }

    public UpstreamEmulator(Path stateDir, Clock clock, SyncFileLimits limits) {
        this.stateDir = stateDir;
        this.clock = clock;
        this.limits = limits;
        this.files = new SyncFiles(limits);
        this.records = new SatelliteRecords(stateDir);
        this.slp = new SlpUpstream(stateDir, clock, this);
        this.oauthClients = new OAuthClients(stateDir, clock);
    }

    /** Smart Licensing Using Policy: usage reports, acknowledgements, policies, authorisation codes. */
    public SlpUpstream slp() {
        return slp;
    }

    OAuthClients oauthClients() {
        return oauthClients;
    }

    /** An OAuth client of the Smart Account for the REST API; the secret is returned once and stored only hashed. */
    public OAuthClient createOAuthClient(String smartAccount, String clientId) {
        settings();
        if (accounts().smartAccount(smartAccount).isEmpty()) {
            throw new EmulatorException(EmulatorError.UNKNOWN_ACCOUNT, "accounts.yml has no Smart Account '" + smartAccount + "'");
        }
        OAuthClients.Created created = oauthClients.create(smartAccount, clientId);
        return new OAuthClient(created.clientId(), created.clientSecret(), created.smartAccount());
    }

    public record OAuthClient(String clientId, String clientSecret, String smartAccount) {
        @Override
        public String toString() { return "OAuthClient[" + clientId + ", " + smartAccount + "]"; }
    }

    // --- init ----------------------------------------------------------------------------------------------------

    /** What {@link #init} created; empty when everything was there already. */
    public record Initialised(List<String> created) {}

    public Initialised init() {
        return init(null, List.of());
    }

    /**
     * Creates what is missing: the CA, the file signer, the TLS certificate (SAN 127.0.0.1, localhost and
     * {@code tlsNames}; issued again when other names are given), an example accounts.yml. Never replaces the CA.
     *
     * @param upstreamName the name written into authorization and response files; null keeps the current one
     *                     (or {@value #DEFAULT_UPSTREAM_NAME} for a new state directory)
     */
    public Initialised init(String upstreamName, List<String> tlsNames) {
        for (String name : tlsNames) {
            if (!name.matches("[A-Za-z0-9.:-]{1,253}")) {
                throw new IllegalArgumentException("'" + name + "' is not a host name or IP address");
            }
        }
        if (upstreamName != null && !upstreamName.matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")) {
            throw new IllegalArgumentException("the upstream name must be 1 to 64 letters, digits, spaces, '.', '_' or '-'");
        }
        try {
            StateFiles.createPrivateDirectory(stateDir);
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot create " + stateDir + ": " + e.getMessage(), e);
        }
        return StateFiles.locked(stateDir, () -> {
            List<String> created = new ArrayList<>();
            try {
                Path settingsFile = stateDir.resolve(SETTINGS_FILE);
                Settings settings = Files.exists(settingsFile) ? settings() : null;
                if (settings == null || (upstreamName != null && !upstreamName.equals(settings.name()))) {
                    settings = new Settings(upstreamName != null ? upstreamName
                            : settings != null ? settings.name() : DEFAULT_UPSTREAM_NAME, now());
                    StateFiles.writePublic(settingsFile, SatelliteRecords.JSON.writeValueAsBytes(settings));
                    created.add("upstream name '" + settings.name() + "' (" + SETTINGS_FILE + ")");
                }
                created.addAll(UpstreamAuthority.complete(stateDir, settings.name(), tlsNames, clock));
                Path accounts = accountsFile();
                if (!Files.exists(accounts)) {
                    StateFiles.writePublic(accounts, AccountsFile.EXAMPLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    created.add("example accounts (" + AccountsFile.FILE_NAME + ")");
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot initialise " + stateDir + ": " + e.getMessage(), e);
            }
            return new Initialised(created);
        });
    }

    // --- register ------------------------------------------------------------------------------------------------

    /** @param reRegistration true when this satellite was registered here before (its earlier certificates are superseded) */
    public record Registered(String satelliteId, String satelliteName, boolean reRegistration, String fileName,
            byte[] authorizationFile, AuthorizationFile authorization, X509Certificate satelliteCertificate) {}

    /**
     * Reads a registration file, issues the satellite's identity certificate for the key of its CSR, assigns the
     * Smart Account and VAs (which must exist in accounts.yml) and writes the authorization file.
     *
     * @param syncUrl where the satellite syncs online (an https URL), or null for file sync only
     */
    public Registered register(byte[] registrationFile, String smartAccount, List<String> virtualAccounts, String syncUrl) {
        if (smartAccount == null || smartAccount.isBlank()) {
            throw new IllegalArgumentException("name the Smart Account to assign");
        }
        List<String> vas = List.copyOf(new LinkedHashSet<>(virtualAccounts));
        if (vas.isEmpty()) {
            throw new IllegalArgumentException("name at least one Virtual Account to assign");
        }
        checkSyncUrl(syncUrl);
        return StateFiles.locked(stateDir, () -> {
            UpstreamAuthority authority = UpstreamAuthority.load(stateDir);
            Settings settings = settings();
            RegistrationFile registration;
            try {
                registration = files.readRegistration(registrationFile);
            } catch (SyncFileException e) {
                throw refused("registration file", e, EmulatorError.REGISTRATION_REFUSED);
            }
            String id = registration.satelliteId();
            if (id == null || !SatelliteRecords.SAFE_ID.matcher(id).matches()) {
                throw new EmulatorException(EmulatorError.REGISTRATION_REFUSED, "satellite id '" + id
                        + "' must be 1 to 64 letters, digits, '.', '_' or '-' (a UUID)");
            }
            PublicKey key;
            try {
                PKCS10CertificationRequest csr = UpstreamAuthority.parseCsr(registration.csrPem(), "the registration's csr");
                key = UpstreamAuthority.verifiedKey(csr, "the registration's csr");
                String cn = UpstreamAuthority.commonName(csr);
                if (!id.equals(cn)) {
                    throw new IllegalArgumentException("the registration's csr names CN=" + cn + ", not the satellite id " + id);
                }
            } catch (IllegalArgumentException e) {
                throw new EmulatorException(EmulatorError.REGISTRATION_REFUSED, e.getMessage());
            }
            requireAssignable(accounts(), smartAccount, vas);
            Instant now = now();
            X509Certificate certificate = authority.issueSatelliteCertificate(id, key, now);
            String certificatePem = UpstreamAuthority.pemText(certificate);
            AuthorizationFile authorization = new AuthorizationFile(FORMAT, id, settings.name(), now, smartAccount, vas,
                    certificatePem, authority.caPem(), syncUrl);
            byte[] raw = written(() -> files.writeAuthorization(authorization, authority.signerKey(), authority.signer()));
            Optional<SatelliteRecord> previous = records.find(id);
            records.save(new SatelliteRecord(id, registration.satelliteName(), registration.softwareVersion(), smartAccount,
                    vas, now, previous.map(SatelliteRecord::registrations).orElse(0) + 1,
                    List.of(issued(certificate, now, "REGISTRATION")), List.of(),
                    previous.map(SatelliteRecord::requestsAnswered).orElse(0L), previous.map(SatelliteRecord::report).orElse(null)));
            return new Registered(id, registration.satelliteName(), previous.isPresent(),
                    SyncFileNames.authorization(registration.satelliteName(), id), raw, authorization, certificate);
        });
    }

    // --- answer --------------------------------------------------------------------------------------------------

    /** @param repeated true when this exact request (same sequence and digest) had been answered before */
    public record Answered(String satelliteId, String satelliteName, long sequence, String fileName, byte[] responseFile,
            SyncResponseFile response, boolean repeated) {}

    /** Reads a sync request file, stores what it reports and writes the response file. */
    public Answered answer(byte[] requestFile) {
        return answer(requestFile, null);
    }

    /**
     * @param clientSatelliteId the satellite id of the TLS client certificate (online), or null for a file: the
     *                          request must name that satellite
     */
    Answered answer(byte[] requestFile, String clientSatelliteId) {
        return StateFiles.locked(stateDir, () -> {
            UpstreamAuthority authority = UpstreamAuthority.load(stateDir);
            Settings settings = settings();
            Instant now = now();
            RequestSignerTrust trust = new RequestSignerTrust(authority, now);
            Signed<SyncRequestFile> signed;
            try {
                signed = files.readRequest(requestFile, trust);
            } catch (SyncFileException e) {
                if (e.reason() == SyncFileException.Reason.SIGNER_NOT_TRUSTED && trust.refusal != null) {
                    throw trust.refusal;
                }
                throw refused("sync request", e, EmulatorError.CERTIFICATE_NOT_ISSUED_HERE);
            }
            SyncRequestFile request = signed.file();
            SyncRequestFile.Header header = request.header();
            SatelliteRecord record = trust.record;
            if (record == null) {
                throw new IllegalStateException("the request reader accepted a file without asking who signed it");
            }
            if (!record.id().equals(header.satelliteId())) {
                throw new EmulatorException(EmulatorError.SATELLITE_MISMATCH, "the request names satellite "
                        + header.satelliteId() + " but is signed with the certificate of satellite " + record.id());
            }
            if (clientSatelliteId != null && !clientSatelliteId.equals(header.satelliteId())) {
                throw new EmulatorException(EmulatorError.SATELLITE_MISMATCH, "the TLS client certificate is satellite "
                        + clientSatelliteId + "'s but the request is from satellite " + header.satelliteId());
            }
            if (!record.smartAccount().equals(request.payload().smartAccount())) {
                throw new EmulatorException(EmulatorError.REQUEST_REFUSED, "the request is for Smart Account '"
                        + request.payload().smartAccount() + "' but satellite " + record.id() + " is registered to '"
                        + record.smartAccount() + "'");
            }
            List<VirtualAccountLicenses> licenses = licensesOf(record, accounts());

            Optional<AnsweredRequest> sameRequest = record.answered(header.sequence())
                    .filter(a -> a.requestDigest().equals(signed.digest()));
            List<IssuedCertificate> certificates = new ArrayList<>(record.certificates());
            IssuedCertificate renewed = sameRequest.map(AnsweredRequest::renewedCertificateSerial)
                    .flatMap(record::certificate).orElse(null);
            if (renewed == null) {
                PublicKey key = CertificateRenewalPolicy.keyToRenew(request.payload().certificateRenewal(), signed.signer(),
                        record.id(), now);
                if (key != null) {
                    renewed = issued(authority.issueSatelliteCertificate(record.id(), key, now), now, "RENEWAL");
                    certificates.add(renewed);
                }
            }
            Long acknowledged = header.acknowledgedSequence();
            LicenseDeltaPolicy.Choice choice = LicenseDeltaPolicy.choose(header.type(), acknowledged,
                    acknowledged == null ? Optional.empty() : record.answered(acknowledged), licenses);
            List<Alert> alerts = new ArrayList<>(LicenseAlertPolicy.alerts(licenses, request.payload().usage(),
                    LocalDate.ofInstant(now, ZoneOffset.UTC)));
            if (renewed != null) {
                alerts.add(new Alert("INFO", "CERTIFICATE_RENEWED", "the satellite's identity certificate was renewed: serial "
                        + renewed.serial() + ", valid until " + renewed.notAfter()));
            }
            SlpAnswer usage = answerUsage(record, request.payload());
            alerts.addAll(usage.alerts());
            SyncResponseFile response = new SyncResponseFile(
                    new SyncResponseFile.Header(FORMAT, record.id(), settings.name(), header.sequence(), signed.digest(),
                            header.type(), now, record.smartAccount()),
                    new SyncResponseFile.Licenses(choice.complete(), choice.sent()), alerts,
                    renewed == null ? null : renewed.pem(), usage.acknowledgements(), usage.codes());
            byte[] raw = written(() -> files.writeResponse(response, authority.signerKey(), authority.signer()));

            List<AnsweredRequest> answered = new ArrayList<>(record.answered());
            answered.removeIf(a -> a.sequence() == header.sequence());
            answered.add(new AnsweredRequest(header.sequence(), signed.digest(), header.type(), now, choice.complete(),
                    choice.sent().stream().map(VirtualAccountLicenses::name).toList(), choice.digests(),
                    renewed == null ? null : renewed.serial()));
            answered.sort(Comparator.comparingLong(AnsweredRequest::sequence));
            while (answered.size() > SatelliteRecord.ANSWERED_KEPT) {
                answered.remove(0);
            }
            records.save(new SatelliteRecord(record.id(), header.satelliteName(), header.softwareVersion(),
                    record.smartAccount(), record.virtualAccounts(), record.registeredAt(), record.registrations(),
                    certificates, answered, record.requestsAnswered() + 1,
                    ReportedData.apply(record.report(), request, now)));
            return new Answered(record.id(), header.satelliteName(), header.sequence(),
                    SyncFileNames.response(header.satelliteName(), record.id(), header.createdAt(), header.sequence()),
                    raw, response, sameRequest.isPresent());
        });
    }

    private record SlpAnswer(List<SyncResponseFile.UsageAcknowledgement> acknowledgements,
            List<SyncResponseFile.AuthorizationCode> codes, List<Alert> alerts) {}

    /**
     * The request's usage reports acknowledged and its authorisation requests answered, per VA; reports already
     * received are acknowledged again (the same request may be answered twice), recorded once.
     */
    private SlpAnswer answerUsage(SatelliteRecord record, SyncRequestFile.Payload payload) {
        java.util.Map<String, List<SyncRequestFile.UsageReport>> reportsByVa = new java.util.LinkedHashMap<>();
        for (SyncRequestFile.UsageReport report : payload.usageReports()) {
            reportsByVa.computeIfAbsent(report.virtualAccount(), k -> new ArrayList<>()).add(report);
        }
        java.util.Map<String, List<SyncRequestFile.AuthorizationRequest>> requestsByVa = new java.util.LinkedHashMap<>();
        for (SyncRequestFile.AuthorizationRequest request : payload.authorizationRequests()) {
            requestsByVa.computeIfAbsent(request.virtualAccount(), k -> new ArrayList<>()).add(request);
        }
        LinkedHashSet<String> vas = new LinkedHashSet<>(reportsByVa.keySet());
        vas.addAll(requestsByVa.keySet());
        List<String> notAssigned = new ArrayList<>();
        for (String va : vas) {
            if (!record.virtualAccounts().contains(va)) {
                // A VA the satellite keeps locally: its usage is not this upstream's to acknowledge. The rest of the
                // request is answered; an alert says what was left out.
                notAssigned.add(va);
                reportsByVa.remove(va);
                requestsByVa.remove(va);
            }
        }
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        List<SyncResponseFile.UsageAcknowledgement> acks = new ArrayList<>();
        for (var va : reportsByVa.entrySet()) {
            java.util.Map<String, SlpUpstream.DeviceUsage> devices = new java.util.LinkedHashMap<>();
            for (SyncRequestFile.UsageReport report : va.getValue()) {
                var sudi = new io.licensesatellite.sync.file.slp.Sudi(report.pid(), report.serial());
                SlpUpstream.DeviceUsage before = devices.get(sudi.udi());
                List<SlpUpstream.Report> reports = new ArrayList<>(before == null ? List.of() : before.reports());
                reports.add(new SlpUpstream.Report(report.reportId(), report.payload(), report.signature()));
                devices.put(sudi.udi(), new SlpUpstream.DeviceUsage(sudi, null, report.softwareTag(), reports));
            }
            try {
                for (SlpUpstream.Acknowledged ack : slp.acknowledge(record.smartAccount(), va.getKey(),
                        List.copyOf(devices.values()), false, "sync")) {
                    acks.add(new SyncResponseFile.UsageAcknowledgement(ack.sudi().pid(), ack.sudi().serial(), ack.reportIds(),
                            base64.encodeToString(ack.document())));
                }
            } catch (SlpUpstream.Refused e) {
                throw new IllegalStateException("duplicates are acknowledged again for files", e);
            }
        }
        List<SyncResponseFile.AuthorizationCode> codes = new ArrayList<>();
        for (var va : requestsByVa.entrySet()) {
            List<SlpUpstream.AuthRequest> requests = va.getValue().stream().map(r -> new SlpUpstream.AuthRequest(
                    new io.licensesatellite.sync.file.slp.Sudi(r.pid(), r.serial()), null, String.valueOf(r.requestId()),
                    r.entitlements().stream().map(e -> new SlpUpstream.Key(e.tag(), (int) Math.min(Integer.MAX_VALUE, e.count()))).toList()))
                    .toList();
            for (SlpUpstream.Authorized answer : slp.authorize(record.smartAccount(), va.getKey(), requests, "sync")) {
                codes.add(new SyncResponseFile.AuthorizationCode(Long.parseLong(answer.requestId()), answer.sudi().pid(),
                        answer.sudi().serial(), answer.status(),
                        answer.document() == null ? null : base64.encodeToString(answer.document()),
                        answer.document() == null ? answer.message() : null));
            }
        }
        List<Alert> alerts = notAssigned.isEmpty() ? List.of() : List.of(new Alert("WARNING", "USAGE_NOT_ACKNOWLEDGED",
                "usage of Virtual Account(s) " + names(notAssigned) + " is not acknowledged: not assigned to this satellite here"));
        return new SlpAnswer(acks, codes, alerts);
    }

    // --- accounts, records, show ---------------------------------------------------------------------------------

    public Path accountsFile() {
        return stateDir.resolve(AccountsFile.FILE_NAME);
    }

    /** accounts.yml as it is now, validated. */
    public Accounts accounts() {
        return AccountsFile.read(accountsFile());
    }

    /** Validates and writes accounts.yml (comments in the file are not kept); the next answer reads it. */
    public void saveAccounts(Accounts accounts) {
        StateFiles.locked(stateDir, () -> {
            AccountsFile.write(accountsFile(), accounts);
            return null;
        });
    }

    public List<SatelliteRecord> satellites() {
        return records.all();
    }

    public Optional<SatelliteRecord> satellite(String satelliteId) {
        return records.find(satelliteId);
    }

    /** Per satellite (or the one given), what it reported: human-readable text. */
    public String show(String satelliteId, int lastEvents) {
        settings(); // refuses a state directory that was never initialised
        List<SatelliteRecord> shown;
        if (satelliteId == null) {
            shown = records.all();
        } else {
            shown = List.of(records.find(satelliteId).orElseThrow(() -> new EmulatorException(
                    EmulatorError.UNKNOWN_SATELLITE, "no satellite with id '" + satelliteId + "' is registered here")));
        }
        return SatelliteReportText.render(shown, lastEvents) + (satelliteId == null ? slp.describe() : "");
    }

    public X509Certificate caCertificate() {
        return UpstreamAuthority.load(stateDir).ca();
    }

    public String upstreamName() {
        return settings().name();
    }

    // --- serve ---------------------------------------------------------------------------------------------------

    /**
     * Starts the HTTPS exchange endpoint (mutual TLS) on {@code host:port}; port 0 picks a free port. The TLS
     * certificate is issued again first if it ends within 30 days. Close the returned server to stop it.
     */
    public UpstreamServer serve(String host, int port) {
        return serve(host, port, line -> { });
    }

    /** @param log receives one line per exchange answered or refused */
    public UpstreamServer serve(String host, int port, java.util.function.Consumer<String> log) {
        UpstreamAuthority authority = StateFiles.locked(stateDir, () -> {
            UpstreamAuthority loaded = UpstreamAuthority.load(stateDir);
            loaded.renewTlsIfDue(settings().name(), now());
            return loaded;
        });
        return UpstreamServer.start(this, authority.serverTlsContext(), host, port, limits.maxBytes(), log);
    }

    // --- internals -----------------------------------------------------------------------------------------------

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private record Settings(String name, Instant createdAt) {}

    private Settings settings() {
        Path file = stateDir.resolve(SETTINGS_FILE);
        if (!Files.exists(file)) {
            if (!UpstreamAuthority.exists(stateDir)) {
                throw new EmulatorException(EmulatorError.NOT_INITIALISED, "no upstream emulator in " + stateDir + "; run 'init' first");
            }
            return new Settings(DEFAULT_UPSTREAM_NAME, null);
        }
        try {
            return SatelliteRecords.JSON.readValue(file.toFile(), Settings.class);
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void requireAssignable(Accounts accounts, String smartAccount, List<String> virtualAccounts) {
        SmartAccount sa = accounts.smartAccount(smartAccount).orElseThrow(() -> new EmulatorException(
                EmulatorError.UNKNOWN_ACCOUNT, "accounts.yml has no Smart Account '" + smartAccount + "' (it has: "
                        + names(accounts.smartAccounts().stream().map(SmartAccount::name).toList()) + ")"));
        List<String> unknown = virtualAccounts.stream().filter(va -> sa.virtualAccount(va).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new EmulatorException(EmulatorError.UNKNOWN_ACCOUNT, "Smart Account '" + smartAccount
                    + "' has no Virtual Account " + names(unknown) + " (it has: "
                    + names(sa.virtualAccounts().stream().map(VirtualAccount::name).toList()) + ")");
        }
    }

    /** The licences of the satellite's VAs, in assignment order; an assigned account gone from accounts.yml refuses. */
    private static List<VirtualAccountLicenses> licensesOf(SatelliteRecord record, Accounts accounts) {
        Optional<SmartAccount> sa = accounts.smartAccount(record.smartAccount());
        List<String> missing = sa.isEmpty() ? record.virtualAccounts()
                : record.virtualAccounts().stream().filter(va -> sa.get().virtualAccount(va).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new EmulatorException(EmulatorError.ACCOUNTS_INVALID, "accounts.yml no longer has "
                    + (sa.isEmpty() ? "Smart Account '" + record.smartAccount() + "'"
                            : "Virtual Account " + names(missing) + " of Smart Account '" + record.smartAccount() + "'")
                    + ", assigned to satellite " + record.id() + "; restore it, or register the satellite again with"
                    + " the accounts it should have");
        }
        List<VirtualAccountLicenses> licenses = new ArrayList<>();
        for (String vaName : record.virtualAccounts()) {
            VirtualAccount va = sa.get().virtualAccount(vaName).orElseThrow();
            licenses.add(new VirtualAccountLicenses(va.name(), va.description(), va.licenses().stream()
                    .map(l -> new LicenseLine(l.tag(), l.displayName(), l.quantity(), l.type().name(), l.endDate(),
                            l.higherTierTag()))
                    .toList()));
        }
        return licenses;
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : "'" + String.join("', '", names) + "'";
    }

    private static IssuedCertificate issued(X509Certificate certificate, Instant now, String reason) {
        return new IssuedCertificate(certificate.getSerialNumber().toString(16), now, certificate.getNotAfter().toInstant(),
                reason, UpstreamAuthority.pemText(certificate));
    }

    /** The codec refuses to write a record that breaks the file model: for the emulator's own files, a bug. */
    private static byte[] written(java.util.function.Supplier<byte[]> writer) {
        try {
            return writer.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the emulator built a file the sync file model refuses: " + e.getMessage(), e);
        }
    }

    private static void checkSyncUrl(String syncUrl) {
        if (syncUrl == null) {
            return;
        }
        try {
            URI uri = new URI(syncUrl);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("the sync URL must be an https URL with a host, not '" + syncUrl + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the sync URL is not a URL: '" + syncUrl + "'");
        }
    }

    /** A file the codec refused, as the emulator's error; a signer refusal has no trust check to explain it. */
    private static EmulatorException refused(String what, SyncFileException e, EmulatorError signerNotTrusted) {
        EmulatorError kind = switch (e.reason()) {
            case TOO_LARGE -> EmulatorError.TOO_LARGE;
            case SIGNATURE_MISMATCH -> EmulatorError.SIGNATURE_MISMATCH;
            case SIGNER_NOT_TRUSTED -> signerNotTrusted;
            case NOT_SIGNED, UNPARSEABLE, INVALID, WRONG_KIND -> EmulatorError.MALFORMED;
        };
        return new EmulatorException(kind, what + " refused (" + e.reason().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + "): " + e.getMessage(), e);
    }

    /**
     * Who may sign a request: a certificate this upstream's CA issued, valid now, whose CN is a registered
     * satellite, and which that satellite holds since its last registration. Keeps the precise refusal for the caller.
     */
    private final class RequestSignerTrust implements SignerTrust {
        private final UpstreamAuthority authority;
        private final Instant now;
        EmulatorException refusal;
        SatelliteRecord record;

        RequestSignerTrust(UpstreamAuthority authority, Instant now) {
            this.authority = authority;
            this.now = now;
        }

        @Override
        public void check(X509Certificate signer) throws SyncFileException {
            if (signer.equals(authority.signer())) {
                fail(EmulatorError.MALFORMED, "the file is signed by this upstream's own signer: it is a response or an"
                        + " authorization, not a sync request");
            }
            if (!authority.issuedHere(signer)) {
                fail(EmulatorError.CERTIFICATE_NOT_ISSUED_HERE, "the request is signed with a certificate issued by '"
                        + signer.getIssuerX500Principal().getName() + "', not by this upstream's CA '"
                        + authority.ca().getSubjectX500Principal().getName() + "'");
            }
            if (now.isBefore(signer.getNotBefore().toInstant())) {
                fail(EmulatorError.CERTIFICATE_NOT_VALID, "the request's signing certificate is not valid before "
                        + signer.getNotBefore().toInstant());
            }
            if (now.isAfter(signer.getNotAfter().toInstant())) {
                fail(EmulatorError.CERTIFICATE_NOT_VALID, "the request's signing certificate expired on "
                        + signer.getNotAfter().toInstant() + "; register the satellite again");
            }
            String id = UpstreamAuthority.commonName(signer);
            SatelliteRecord found = records.find(id).orElse(null);
            if (found == null) {
                fail(EmulatorError.UNKNOWN_SATELLITE, "no satellite with id '" + id + "' is registered at this upstream");
            }
            String serial = signer.getSerialNumber().toString(16);
            if (found.certificate(serial).isEmpty()) {
                fail(EmulatorError.CERTIFICATE_SUPERSEDED, "certificate serial " + serial + " is no longer satellite " + id
                        + "'s: it registered again on " + found.registeredAt());
            }
            record = found;
        }

        private void fail(EmulatorError kind, String detail) throws SyncFileException {
            refusal = new EmulatorException(kind, detail);
            throw new SyncFileException(SyncFileException.Reason.SIGNER_NOT_TRUSTED, detail);
        }
    }
}
