package io.licensesatellite.devices;

import java.util.Optional;

/**
 * The device life cycle as the device door sees it. Each call is one transaction; the outcome is
 * returned only after commit, so whatever the door acknowledges is durable.
 */
public interface DeviceRequests {

    DeviceOutcome register(DeviceCommands.Register command);

    DeviceOutcome renewIdCertificate(DeviceCommands.RenewIdCertificate command);

    DeviceOutcome authorize(DeviceCommands.RequestAuthorization command);

    DeviceOutcome deregister(DeviceCommands.Deregister command);

    /** The key to check a registered device's signature with, found by the ID certificate serial it names. */
    Optional<DeviceCredential> credential(String productInstanceId, String idCertificateSerial);
}
