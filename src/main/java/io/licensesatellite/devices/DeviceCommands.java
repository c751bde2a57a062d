package io.licensesatellite.devices;

import java.time.Instant;
import java.util.List;

/** What the device door asks of the device life cycle, already parsed, bounded and signature-checked. */
public final class DeviceCommands {
    private DeviceCommands() {}

    /**
     * @param publicKeyDer the device's public key (X.509 SubjectPublicKeyInfo, DER); taken from the CSR when one is sent
     * @param csrDer the PKCS#10 request if the device sent one (its signature is already checked), else null
     */
    public record Register(Udi udi, String token, boolean force, byte[] publicKeyDer, byte[] csrDer,
                           String hostname, String productName, String softwareVersion,
                           boolean exportControlledRequested, Instant deviceTime) {}

    /** @param publicKeyDer a new key to certify, or null to re-certify the registered key */
    public record RenewIdCertificate(String productInstanceId, Udi udi, byte[] publicKeyDer, Instant deviceTime) {}

    public record RequestAuthorization(String productInstanceId, Udi udi, List<EntitlementRequest> entitlements,
                                       Instant deviceTime) {}

    public record EntitlementRequest(String tag, int count) {}

    public record Deregister(String productInstanceId, Udi udi, Instant deviceTime) {}
}
