package io.licensesatellite.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The upstream this satellite is registered with, from its authorization file (renewed certificate from sync). */
@Entity
@Table(name = "upstream_binding")
public class UpstreamBinding {
    @Id
    @Column(name = "satellite_id")
    public String satelliteId;

    @Column(name = "upstream_name", nullable = false)
    public String upstreamName;

    @Column(name = "upstream_ca_pem", nullable = false)
    public String upstreamCaPem;

    /** Offered by the upstream in the authorization file; the operator's setting wins when set. */
    @Column(name = "sync_url")
    public String syncUrl;

    @Column(name = "smart_account", nullable = false)
    public String smartAccount;

    @Column(name = "satellite_cert_pem", nullable = false)
    public String satelliteCertificatePem;

    @Column(name = "satellite_cert_not_after", nullable = false)
    public Instant satelliteCertificateNotAfter;

    @Column(name = "authorization_digest", nullable = false)
    public String authorizationDigest;

    @Column(name = "bound_at", nullable = false)
    public Instant boundAt;

    @Column(name = "bound_by", nullable = false)
    public String boundBy;
}
