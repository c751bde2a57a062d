package io.licensesatellite.pki;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Lifetimes and names of the certificates the satellite issues. Durations are ISO-8601 ({@code P365D}, {@code PT5M}). */
@ConfigMapping(prefix = "satellite.pki")
public interface PkiConfig {

    /** How long a device ID certificate is valid, counted from the moment it is issued. */
    @WithDefault("P365D")
    Duration idCertificateLifetime();

    /** How old an ID certificate may get before devices are told to renew it; shorter than the lifetime. */
    @WithDefault("P180D")
    Duration idCertificateRenewAfter();

    /** How far notBefore is put in the past, so devices whose clocks run slightly behind accept a fresh certificate. */
    @WithDefault("PT5M")
    Duration notBeforeBackdate();

    /** How long the satellite CA certificate created on first start is valid. */
    @WithDefault("P7300D")
    Duration caLifetime();

    /** How long each message-signing certificate is valid. */
    @WithDefault("P730D")
    Duration signerLifetime();

    /** The signer is rotated once it has less than this left; must be shorter than {@link #signerLifetime()}. */
    @WithDefault("P90D")
    Duration signerRotateBefore();

    /** The O= of every certificate the satellite issues. */
    @WithDefault("License Satellite")
    String subjectOrganization();
}
