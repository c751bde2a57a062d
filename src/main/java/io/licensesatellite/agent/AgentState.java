package io.licensesatellite.agent;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a simulated device remembers between runs, as it would in NVRAM: identity and key, the
 * registration, the authorisation and the times of past attempts. Stored as JSON by {@link AgentStateStore};
 * only {@link SmartAgent} changes it.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
final class AgentState {
    /** One licence in use and what the satellite last said of it. */
    record Usage(String tag, int count, String status) {}

    String pid;
    String serialNumber;
    String uuid;
    String hostname;
    /** PKCS#8 PEM: the state file is written owner-only. */
    String privateKey;
    /** SubjectPublicKeyInfo, base64 DER. */
    String publicKey;
    Instant createdAt;
    /** As {@code show license status} names it: Callhome or Smart. */
    String transport;

    long evaluationUsedSeconds;
    /** Set while unregistered: evaluation time runs. */
    Instant evaluationCountingSince;

    /** Kept only while a registration is being retried; a device forgets the token once registered. */
    String pendingToken;
    boolean pendingForce;
    Instant registrationFirstAttempt;
    Instant lastRegistrationAttempt;
    String lastRegistrationFailure;

    String productInstanceId;
    String smartAccount;
    String virtualAccount;
    boolean exportControlledAllowed;
    String idCertificate;
    String idCertSerial;
    String signerCertificate;
    String signerSerial;
    String caCertificate;
    Instant initialRegistration;
    Instant registrationExpires;
    Instant renewIdAfter;
    Instant lastIdRenewalAttempt;
    Instant lastIdRenewalSuccess;
    String lastIdRenewalFailure;

    List<Usage> entitlements = new ArrayList<>();
    /** AUTHORIZED, OUT_OF_COMPLIANCE, or null before the first answer. */
    String authorizationStatus;
    Instant authorizedAt;
    Instant authorizationExpires;
    Instant nextRenewal;
    Instant outOfComplianceSince;
    Instant lastAuthorizationAttempt;
    Instant lastAuthorizationSuccess;
    String lastAuthorizationFailure;

    Instant lastCommunicationAttempt;
    boolean lastCommunicationSucceeded;
    String lastCommunicationFailure;

    boolean registered() {
        return productInstanceId != null;
    }
}
