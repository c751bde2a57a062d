package io.licensesatellite.usage.pull;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A device the satellite pulls usage reports from, with how to reach it and how its last pull went. */
@Entity
@Table(name = "usage_pull_device")
public class PullDevice {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String address;

    @Column(nullable = false)
    public int port;

    /** {@code https}, or {@code http} when the operator chose it explicitly. */
    @Column(nullable = false)
    public String scheme;

    @Column(nullable = false)
    public String username;

    /** Encrypted with the data directory's secret key; never shown, never logged. */
    @Column(name = "password_sealed", nullable = false)
    public String passwordSealed;

    /** The Virtual Account the device's reports go to; null leaves it to the usage store. */
    @Column(name = "va_id")
    public Long virtualAccountId;

    @Enumerated(EnumType.STRING)
    @Column(name = "tls_mode", nullable = false)
    public TlsVerification tlsMode;

    /** Lower-case hex SHA-256 of the device certificate's DER, learned at the first contact in PINNED mode. */
    @Column(name = "pinned_sha256")
    public String pinnedSha256;

    @Column(name = "ca_pem")
    public String caPem;

    @Column(nullable = false)
    public boolean enabled;

    /** The UDI the device's reports carry; its acknowledgements are looked up by it. */
    public String udi;

    @Column(name = "last_pulled_at")
    public Instant lastPulledAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_result")
    public PullResult lastResult;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "reports_fetched", nullable = false)
    public int reportsFetched;

    @Column(name = "reports_stored", nullable = false)
    public int reportsStored;

    @Column(name = "acks_imported", nullable = false)
    public int acksImported;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
