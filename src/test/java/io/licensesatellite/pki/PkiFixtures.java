package io.licensesatellite.pki;

import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.platform.SatelliteConfig;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Plain-Java stand-ins for what CDI gives the PKI in the running satellite. */
final class PkiFixtures {
    /** Deliberately not on a whole second, to show certificate times are truncated. */
    static final Instant START = Instant.parse("2026-03-01T10:15:30.678Z");
    static final Instant START_SECOND = Instant.parse("2026-03-01T10:15:30Z");
    static final String SATELLITE_NAME = "test-sat";

    private PkiFixtures() {}

    record TestPkiConfig(Duration idCertificateLifetime, Duration idCertificateRenewAfter, Duration notBeforeBackdate,
            Duration caLifetime, Duration signerLifetime, Duration signerRotateBefore, String subjectOrganization)
            implements PkiConfig {

        TestPkiConfig withSignerRotateBefore(Duration rotateBefore) {
            return new TestPkiConfig(idCertificateLifetime, idCertificateRenewAfter, notBeforeBackdate, caLifetime,
                    signerLifetime, rotateBefore, subjectOrganization);
        }
    }

    /** The {@code @WithDefault} values of {@link PkiConfig}. */
    static TestPkiConfig defaults() {
        return new TestPkiConfig(Duration.ofDays(365), Duration.ofDays(180), Duration.ofMinutes(5), Duration.ofDays(7300),
                Duration.ofDays(730), Duration.ofDays(90), "License Satellite");
    }

    static SatelliteConfig satellite(Path dataDir) {
        return new SatelliteConfig() {
            @Override
            public String dataDir() {
                return dataDir.toString();
            }

            @Override
            public String name() {
                return SATELLITE_NAME;
            }

            @Override
            public Storage storage() {
                return () -> 5000;
            }
        };
    }

    static MutableClock clock() {
        return new MutableClock(START);
    }

    static SatelliteAuthority startedAuthority(Path dataDir, Clock clock) {
        return startedAuthority(dataDir, clock, defaults());
    }

    static SatelliteAuthority startedAuthority(Path dataDir, Clock clock, PkiConfig config) {
        SatelliteAuthority authority = new SatelliteAuthority(satellite(dataDir), config, clock);
        authority.start();
        return authority;
    }

    static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", DeviceSignatures.provider());
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate caCertificate(SatelliteKeys keys) {
        return DeviceSignatures.parseCertificate(keys.caCertificatePem());
    }
}
