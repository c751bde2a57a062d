package io.licensesatellite.devices;

import io.licensesatellite.pki.IdCertificateRequest;
import io.licensesatellite.pki.IssuedCertificate;
import io.licensesatellite.pki.SatelliteKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/** Issues a registered device a new ID certificate, for its current key or a new one. */
@ApplicationScoped
public class IdCertificateRenewal {
    private final ProductInstanceRepository instances;
    private final DeviceEventRepository events;
    private final SatelliteKeys keys;
    private final Rejections rejections;
    private final Clock clock;
    private final ClockTolerancePolicy clockTolerance;
    private final java.time.Duration renewAfter;

    public IdCertificateRenewal(ProductInstanceRepository instances, DeviceEventRepository events, SatelliteKeys keys,
                                DevicesConfig config, io.licensesatellite.pki.PkiConfig pki, Rejections rejections,
                                Clock clock) {
        this.instances = instances;
        this.events = events;
        this.keys = keys;
        this.rejections = rejections;
        this.clock = clock;
        this.clockTolerance = new ClockTolerancePolicy(config.clockTolerance());
        this.renewAfter = pki.idCertificateRenewAfter();
    }

    @Transactional
    public DeviceOutcome renew(DeviceCommands.RenewIdCertificate command) {
        Instant now = clock.instant();
        if (!clockTolerance.accepts(command.deviceTime(), now)) {
            return rejections.reject(FailureReason.CLOCK_OFFSET, String.valueOf(command.deviceTime().toEpochMilli()));
        }
        ProductInstance instance = instances.findByPiid(command.productInstanceId()).orElse(null);
        if (instance == null) {
            return rejections.reject(FailureReason.NOT_REGISTERED, command.productInstanceId());
        }
        if (!instance.isSameDevice(command.udi())) {
            return rejections.reject(FailureReason.INVALID_DATA, FailureReason.UDI_MISMATCH);
        }
        byte[] key = command.publicKeyDer() == null ? instance.publicKey : command.publicKeyDer();
        IssuedCertificate certificate = keys.issueIdCertificate(new IdCertificateRequest(
                DeviceRegistration.commonName(instance.productName, instance.pid), instance.id, key));
        instance.publicKey = key;
        instance.idCertSerial = certificate.serial();
        instance.idCertPem = certificate.pem();
        instance.idCertNotAfter = certificate.notAfter();
        instance.lastContactAt = now;
        events.record(instance, DeviceEventType.ID_CERT_RENEWED, "new ID certificate " + certificate.serial());
        return new DeviceOutcome.IdCertificateRenewed(instance.id, certificate.pem(), certificate.serial(),
                certificate.notAfter(), certificate.notBefore().plus(renewAfter));
    }
}
