package io.licensesatellite.sync;

import io.licensesatellite.accounts.UpstreamLicenses;
import io.licensesatellite.accounts.VirtualAccounts;
import io.licensesatellite.pki.SatelliteIdentityKey;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.sync.file.AuthorizationFile;
import io.licensesatellite.sync.file.RegistrationFile;
import io.licensesatellite.sync.file.SyncFileException;
import io.licensesatellite.sync.file.SyncFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Registers the satellite with its upstream: writes the registration file, and binds the satellite when the
 * authorization file comes back. Binding again with the same file changes nothing; a file for another satellite,
 * or from another upstream once bound, is refused.
 */
@ApplicationScoped
public class SatelliteRegistration {
    static final int FORMAT = 1;

    private final SatelliteIdentity identity;
    private final SatelliteIdentityKey key;
    private final SyncFiles files;
    private final SyncRepository repository;
    private final UpstreamLicenses licenses;
    private final VirtualAccounts accounts;
    private final SyncGate gate;
    private final Clock clock;

    public SatelliteRegistration(SatelliteIdentity identity, SatelliteIdentityKey key, SyncFiles files,
                                 SyncRepository repository, UpstreamLicenses licenses, VirtualAccounts accounts, SyncGate gate,
                                 Clock clock) {
        this.identity = identity;
        this.key = key;
        this.files = files;
        this.repository = repository;
        this.licenses = licenses;
        this.accounts = accounts;
        this.gate = gate;
        this.clock = clock;
    }

    public record RegistrationDownload(String fileName, byte[] content) {}

    /** @param changed false when this exact authorization had already been imported */
    public record Bound(boolean changed, String upstreamName, String smartAccount, java.util.List<String> virtualAccounts,
                        Instant certificateNotAfter) {}

    public RegistrationDownload registrationFile() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String id = identity.id();
        RegistrationFile file = new RegistrationFile(FORMAT, id, identity.name(), SoftwareVersion.current(), now,
                key.csrPem(id));
        byte[] content = files.writeRegistration(file, key.privateKey(), key.selfSigned(id, now));
        return new RegistrationDownload("license-satellite-registration-" + identity.fileNamePart() + ".yml", content);
    }

    public Bound bind(byte[] raw, String actor) {
        return gate.exclusively(() -> bindExclusively(raw, actor));
    }

    @Transactional
    Bound bindExclusively(byte[] raw, String actor) {
        Instant now = clock.instant();
        Optional<UpstreamBinding> current = repository.binding();
        SyncFiles.Signed<AuthorizationFile> signed;
        try {
            signed = files.readAuthorization(raw, signer -> {
                if (current.isPresent()) {
                    UpstreamTrust.requireIssuedBy(signer, UpstreamTrust.certificate(current.get().upstreamCaPem,
                            "the bound upstream's CA"), now, "The authorization file's signer");
                }
            });
        } catch (SyncFileException e) {
            throw SyncRefusals.of(e);
        }
        AuthorizationFile file = signed.file();
        String ours = identity.id();
        if (!file.satelliteId().equals(ours)) {
            throw new SatelliteException(ErrorKind.SYNC_FILE_OTHER_SATELLITE, "This authorization file is for satellite "
                    + file.satelliteId() + "; this satellite is " + ours + " (" + identity.name() + ")");
        }
        X509Certificate ca;
        X509Certificate satelliteCertificate;
        try {
            ca = UpstreamTrust.certificate(file.upstreamCaPem(), "upstream.ca_certificate");
            UpstreamTrust.requireIssuedBy(signed.signer(), ca, now, "The authorization file's signer");
            satelliteCertificate = UpstreamTrust.certificate(file.satelliteCertificatePem(), "satellite_certificate");
            UpstreamTrust.requireIssuedBy(satelliteCertificate, ca, now, "The satellite certificate");
        } catch (SyncFileException e) {
            throw SyncRefusals.of(e);
        }
        if (!key.isCertified(satelliteCertificate)) {
            throw new SatelliteException(ErrorKind.SYNC_FILE_OTHER_SATELLITE, "The satellite certificate in this"
                    + " authorization file is not for this satellite's key: it answers another registration file");
        }
        if (current.isPresent() && current.get().authorizationDigest.equals(signed.digest())) {
            UpstreamBinding b = current.get();
            return new Bound(false, b.upstreamName, b.smartAccount, file.virtualAccounts(), b.satelliteCertificateNotAfter);
        }
        UpstreamBinding binding = current.orElseGet(UpstreamBinding::new);
        binding.satelliteId = ours;
        binding.upstreamName = file.upstreamName();
        binding.upstreamCaPem = file.upstreamCaPem();
        binding.syncUrl = file.syncUrl();
        binding.smartAccount = file.smartAccount();
        binding.satelliteCertificatePem = file.satelliteCertificatePem();
        binding.satelliteCertificateNotAfter = satelliteCertificate.getNotAfter().toInstant();
        binding.authorizationDigest = signed.digest();
        binding.boundAt = now;
        binding.boundBy = actor;
        if (current.isEmpty()) {
            repository.persistBinding(binding);
        }
        accounts.nameSmartAccount(file.smartAccount());
        licenses.assign(file.virtualAccounts());
        SyncHistory.record(repository, SyncChannel.FILE, SyncOperation.REGISTRATION, null, null, SyncResult.SUCCEEDED,
                "Registered with " + file.upstreamName() + ": Smart Account " + file.smartAccount() + ", "
                        + file.virtualAccounts().size() + " Virtual Account(s)", now, now, actor);
        return new Bound(true, binding.upstreamName, binding.smartAccount, file.virtualAccounts(),
                binding.satelliteCertificateNotAfter);
    }

}
