package io.licensesatellite.agent;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** The typed requests and answers of {@link SmartAgentClient}. */
public final class AgentMessages {
    private AgentMessages() {}

    /** Who the device is: its UDI and its own key, made on the device and never sent. */
    public record DeviceIdentity(String pid, String serialNumber, String uuid, KeyPair keyPair) {
        /** As devices print it: {@code PID:..,SN:..,UUID:..}. */
        public String udi() {
            return "PID:" + pid + ",SN:" + serialNumber + (uuid == null ? "" : ",UUID:" + uuid);
        }
    }

    /**
     * What a registered device holds to sign requests and check answers. Serials may be null to send a
     * request without them (the satellite then answers LS_INVALID_DATA).
     */
    public record Credentials(DeviceIdentity device, String productInstanceId, String idCertSerial,
                              String signerSerial, X509Certificate signerCertificate, X509Certificate caCertificate) {}

    /**
     * @param sendCsr send a PKCS#10 request for the key (proof of possession twice) rather than the bare key
     */
    public record RegisterRequest(String idToken, boolean force, String hostname, String productName,
                                  String softwareVersion, boolean exportControlled, boolean sendCsr) {
        public static RegisterRequest withToken(String idToken, boolean force) {
            return new RegisterRequest(idToken, force, "sim-device", "Simulated Smart Agent", "17.3.1", false, true);
        }
    }

    public record Entitlement(String tag, int count) {
        /** Parses {@code TAG=count}; the tag itself may contain '='. */
        public static Entitlement parse(String text) {
            int at = text.lastIndexOf('=');
            if (at <= 0 || at == text.length() - 1) {
                throw new IllegalArgumentException("expected TAG=count, got '" + text + "'");
            }
            try {
                return new Entitlement(text.substring(0, at), Integer.parseInt(text.substring(at + 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected TAG=count with a whole number, got '" + text + "'");
            }
        }
    }

    public record Registration(String productInstanceId, String smartAccount, String virtualAccount,
                               boolean exportControlledAllowed, String idCertificatePem, String idCertSerial,
                               String signerCertificatePem, String signerSerial, String caCertificatePem,
                               Instant registrationExpires, Instant renewAfter) {}

    public record IdCertificateRenewal(String idCertificatePem, String idCertSerial, Instant registrationExpires,
                                       Instant renewAfter) {}

    /** @param status AUTHORIZED or OUT_OF_COMPLIANCE */
    public record Authorization(String status, List<EntitlementStatus> entitlements, Instant authorizationExpires,
                                long renewalIntervalDays, Instant nextRenewal) {
        public boolean compliant() {
            return "AUTHORIZED".equals(status);
        }
    }

    public record EntitlementStatus(String tag, int count, String status, String borrowedFrom, int borrowed) {}

    public record Deregistration(String productInstanceId) {}
}
