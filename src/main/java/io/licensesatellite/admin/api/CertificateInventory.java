package io.licensesatellite.admin.api;

import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.pki.SatelliteKeys;
import io.licensesatellite.sync.SyncOverview;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The certificates an operator must keep valid, soonest to expire first: the device CA, the current device signer,
 * the admin door's TLS certificate and, once the satellite is registered, its certificate from the upstream.
 */
@ApplicationScoped
public class CertificateInventory {
    private static final Logger LOG = Logger.getLogger(CertificateInventory.class);

    private final SatelliteKeys keys;
    private final SyncOverview sync;
    private final Optional<String> adminCertificateFile;
    private final Clock clock;

    public CertificateInventory(SatelliteKeys keys, SyncOverview sync, Clock clock,
                                @ConfigProperty(name = "quarkus.tls.key-store.pem.admin.cert") Optional<String> adminCertificateFile) {
        this.keys = keys;
        this.sync = sync;
        this.clock = clock;
        this.adminCertificateFile = adminCertificateFile;
    }

    /** {@code daysLeft} counts whole days to expiry, negative once expired. */
    public record CertificateView(String name, String subject, String serial, Instant notAfter, long daysLeft) {}

    public List<CertificateView> all() {
        Instant now = clock.instant();
        List<CertificateView> views = new ArrayList<>();
        views.add(view("Device CA", DeviceSignatures.parseCertificate(keys.caCertificatePem()), now));
        views.add(view("Device signer", DeviceSignatures.parseCertificate(keys.signerCertificatePem()), now));
        adminCertificate().ifPresent(c -> views.add(view("Admin TLS", c, now)));
        sync.satelliteCertificatePem().ifPresent(pem -> views.add(view("Satellite identity (upstream)",
                DeviceSignatures.parseCertificate(pem), now)));
        views.sort(java.util.Comparator.comparing(CertificateView::notAfter));
        return views;
    }

    private Optional<X509Certificate> adminCertificate() {
        if (adminCertificateFile.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeviceSignatures.parseCertificate(Files.readString(Path.of(adminCertificateFile.get()))));
        } catch (IOException | IllegalArgumentException e) {
            // The overview must still answer; the admin door serves this very file, so this is rare and worth a line.
            LOG.warnf("Admin TLS certificate at %s could not be read for the overview: %s", adminCertificateFile.get(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static CertificateView view(String name, X509Certificate c, Instant now) {
        Instant notAfter = c.getNotAfter().toInstant();
        long daysLeft = Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
        return new CertificateView(name, c.getSubjectX500Principal().getName(), c.getSerialNumber().toString(),
                notAfter, daysLeft);
    }
}
