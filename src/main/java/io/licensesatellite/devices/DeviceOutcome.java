package io.licensesatellite.devices;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The result of a device request. Unexpected faults are exceptions, not outcomes. */
public sealed interface DeviceOutcome {

    /** @param idCertificatePem the new ID certificate; chain and signer come from pki */
    record Registered(String productInstanceId, String smartAccount, String virtualAccount,
                      boolean exportControlledAllowed, String idCertificatePem, String idCertificateSerial,
                      Instant registrationExpires, Instant renewIdAfter) implements DeviceOutcome {}

    record IdCertificateRenewed(String productInstanceId, String idCertificatePem, String idCertificateSerial,
                                Instant registrationExpires, Instant renewIdAfter) implements DeviceOutcome {}

    /** @param compliant AUTHORIZED when every tag is covered, else OUT OF COMPLIANCE */
    record Authorized(String productInstanceId, boolean compliant, List<EntitlementGrant> entitlements,
                      Instant authorizationExpires, Duration renewalInterval, Instant nextRenewal)
            implements DeviceOutcome {}

    /** Per tag: how many were covered exactly, how many borrowed from which higher tier, how many short. */
    record EntitlementGrant(String tag, int requested, int covered, String borrowedFromTag, int borrowed,
                            int shortfall) {
        public boolean compliant() { return shortfall == 0; }
    }

    record Deregistered(String productInstanceId) implements DeviceOutcome {}

    record Rejected(FailureReason reason, String detail) implements DeviceOutcome {
        public String message() { return reason.message(detail); }
    }
}
