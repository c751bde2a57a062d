package io.licensesatellite.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A registered device as the satellite keeps it. */
@Entity
@Table(name = "product_instance")
public class ProductInstance {
    /** The product instance identifier the satellite assigned (a UUID, 36 characters). */
    @Id
    public String id;

    @Column(name = "va_id", nullable = false)
    public Long virtualAccountId;

    @Column(name = "token_id")
    public Long tokenId;

    @Column(name = "udi_pid", nullable = false)
    public String pid;

    @Column(name = "udi_serial", nullable = false)
    public String serialNumber;

    @Column(name = "udi_uuid")
    public String uuid;

    public String hostname;

    @Column(name = "product_name")
    public String productName;

    @Column(name = "software_version")
    public String softwareVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InstanceState state;

    @Column(name = "export_controlled", nullable = false)
    public boolean exportControlled;

    @Column(name = "public_key")
    public byte[] publicKey;

    @Column(name = "id_cert_serial")
    public String idCertSerial;

    @Column(name = "id_cert_pem")
    public String idCertPem;

    @Column(name = "id_cert_not_after")
    public Instant idCertNotAfter;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "last_contact_at", nullable = false)
    public Instant lastContactAt;

    @Column(name = "authorized_at")
    public Instant authorizedAt;

    @Column(name = "authorization_expires_at")
    public Instant authorizationExpiresAt;

    /** The device a registered instance's message claims to come from must be the one registered (PID and serial). */
    public boolean isSameDevice(Udi claimed) {
        return claimed != null && pid.equals(claimed.pid()) && serialNumber.equals(claimed.serialNumber());
    }

    public Udi udi() {
        return new Udi(pid, serialNumber, uuid);
    }
}
