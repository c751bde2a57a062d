package io.licensesatellite.protocol.smartagent;

import io.licensesatellite.devices.DeviceCommands;
import io.licensesatellite.devices.DeviceCredential;
import io.licensesatellite.devices.DeviceOutcome;
import io.licensesatellite.devices.DeviceOutcome.Rejected;
import io.licensesatellite.devices.DeviceRequests;
import io.licensesatellite.devices.FailureReason;
import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.pki.SatelliteKeys;
import io.licensesatellite.pki.SigningCertificateStatus;
import io.licensesatellite.platform.ErrorKind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jboss.logging.Logger;

/**
 * The device door's one way through, independent of the HTTP server: bound, parse, verify, build a
 * command, call {@link DeviceRequests}, render. No business decision is taken here; the reply is
 * built only after the life-cycle call has returned, i.e. after its commit.
 */
public final class DeviceRequestHandler {
    private static final Logger LOG = Logger.getLogger(DeviceRequestHandler.class);

    /** Ours, in the style of the two serial-number messages the brief quotes. */
    static final String MISSING_PRODUCT_INSTANCE_ID = "Missing Product Instance Identifier Field";
    static final String BUILDER_NAME = "License Satellite";

    private final DeviceRequests requests;
    private final SatelliteKeys keys;
    private final Clock clock;
    private final long maxBodyBytes;
    private final DeviceReplies replies;
    private final String builderVersion;

    public DeviceRequestHandler(DeviceRequests requests, SatelliteKeys keys, Clock clock, long maxBodyBytes) {
        this.requests = requests;
        this.keys = keys;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.replies = new DeviceReplies(keys, clock);
        String version = DeviceRequestHandler.class.getPackage().getImplementationVersion();
        this.builderVersion = version == null ? "dev" : version;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * @param contentType the request's Content-Type header, possibly null
     * @param body the whole request body
     */
    public DoorReply handle(String contentType, byte[] body) {
        if (body.length > maxBodyBytes) {
            return tooLarge(maxBodyBytes).reply();
        }
        Framing framing = Framing.of(contentType);
        if (framing == null) {
            return Problem.of(ErrorKind.UNSUPPORTED_MEDIA, "Send application/soap+xml (Call Home AML envelope), "
                    + "text/xml, application/xml or application/json (signed JSON).").reply();
        }
        if (framing == Framing.JSON && !utf8OrUnspecified(contentType)) {
            return Problem.of(ErrorKind.UNSUPPORTED_MEDIA, "Only UTF-8 encoded JSON is accepted.").reply();
        }
        AmlEnvelope envelope = null;
        SignedRequest request;
        try {
            String signedJson;
            if (framing == Framing.JSON) {
                signedJson = strictUtf8(body);
            } else {
                envelope = AmlEnvelope.parse(body);
                signedJson = envelope.data();
            }
            request = SignedRequest.parse(signedJson);
        } catch (MalformedMessageException e) {
            return Problem.of(ErrorKind.MALFORMED, e.getMessage()).reply();
        }
        try {
            DeviceOutcome outcome = decide(request);
            String reply = replies.signedReply(request.header(), outcome);
            return framing == Framing.JSON
                    ? new DoorReply(200, "application/json", reply.getBytes(StandardCharsets.UTF_8))
                    : new DoorReply(200, mediaType(contentType) + "; charset=utf-8", amlReply(envelope, reply));
        } catch (RuntimeException e) {
            // Only the request type and instance: the message may hold a token, and keys are never logged.
            LOG.errorf(e, "Device request %s for instance %s failed unexpectedly", request.header().requestType(),
                    request.header().productInstanceId());
            return Problem.of(ErrorKind.INTERNAL, "The request could not be processed.").reply();
        }
    }

    static Problem tooLarge(long maxBodyBytes) {
        return Problem.of(ErrorKind.TOO_LARGE, "The body is larger than the " + maxBodyBytes + " bytes accepted.");
    }

    private DeviceOutcome decide(SignedRequest request) {
        RequestHeader header = request.header();
        Instant deviceTime = Instant.ofEpochMilli(header.timestamp());
        if (header.requestType() == RequestType.REGISTER) {
            return register(request, deviceTime);
        }
        List<String> invalid = new ArrayList<>(4);
        if (header.idCertSerial() == null) {
            invalid.add(FailureReason.MISSING_ID_CERT_SERIAL);
        }
        if (header.signingCertSerial() == null) {
            invalid.add(FailureReason.MISSING_SIGNING_CERT_SERIAL);
        } else {
            SigningCertificateStatus status = keys.signingCertificateStatus(header.signingCertSerial(), clock.instant());
            if (status == SigningCertificateStatus.EXPIRED || status == SigningCertificateStatus.UNKNOWN) {
                invalid.add(FailureReason.SIGNED_DATA_CERT_MISMATCH);
            }
        }
        if (header.productInstanceId() == null) {
            invalid.add(MISSING_PRODUCT_INSTANCE_ID);
        }
        if (!invalid.isEmpty()) {
            return new Rejected(FailureReason.INVALID_DATA, String.join("; ", invalid));
        }
        Optional<DeviceCredential> credential = requests.credential(header.productInstanceId(), header.idCertSerial());
        if (credential.isEmpty()) {
            return new Rejected(FailureReason.NOT_REGISTERED, header.productInstanceId());
        }
        PublicKey key = DeviceSignatures.publicKey(credential.get().publicKeyDer());
        if (!DeviceSignatures.verify(key, request.signedBytes(), request.signature())) {
            return new Rejected(FailureReason.SIGNATURE_MISMATCH, null);
        }
        String instance = header.productInstanceId();
        try {
            switch (header.requestType()) {
                case ID_CERT_RENEW -> {
                    byte[] csr = RequestData.idCertificateRenewal(request.requestData(), header.udi());
                    byte[] newKey = null;
                    if (csr != null) {
                        newKey = csrPublicKey(csr);
                        acceptedKey(newKey, "request_data.csr");
                        try {
                            DeviceSignatures.parseAndVerifyCsr(csr);
                        } catch (IllegalArgumentException e) {
                            return new Rejected(FailureReason.SIGNATURE_MISMATCH, null);
                        }
                    }
                    return requests.renewIdCertificate(new DeviceCommands.RenewIdCertificate(instance, header.udi(), newKey, deviceTime));
                }
                case AUTH -> {
                    var entitlements = RequestData.authorization(request.requestData(), header.udi());
                    return requests.authorize(new DeviceCommands.RequestAuthorization(instance, header.udi(), entitlements, deviceTime));
                }
                case DEREGISTER -> {
                    RequestData.deregistration(request.requestData(), header.udi());
                    return requests.deregister(new DeviceCommands.Deregister(instance, header.udi(), deviceTime));
                }
                default -> throw new IllegalStateException("REGISTER is handled above");
            }
        } catch (InvalidRequestDataException e) {
            return new Rejected(FailureReason.INVALID_DATA, e.getMessage());
        }
    }

    /** Proof of possession: the message must be signed by the key it asks to have certified. */
    private DeviceOutcome register(SignedRequest request, Instant deviceTime) {
        RequestHeader header = request.header();
        RequestData.Registration data;
        byte[] keyDer;
        PublicKey key;
        try {
            data = RequestData.registration(request.requestData(), header.udi());
            keyDer = data.csrDer() != null ? csrPublicKey(data.csrDer()) : data.publicKeyDer();
            key = acceptedKey(keyDer, data.csrDer() != null ? "request_data.csr" : "request_data.public_key");
        } catch (InvalidRequestDataException e) {
            return new Rejected(FailureReason.INVALID_DATA, e.getMessage());
        }
        if (!DeviceSignatures.verify(key, request.signedBytes(), request.signature())) {
            return new Rejected(FailureReason.SIGNATURE_MISMATCH, null);
        }
        if (data.csrDer() != null) {
            try {
                DeviceSignatures.parseAndVerifyCsr(data.csrDer());
            } catch (IllegalArgumentException e) {
                return new Rejected(FailureReason.SIGNATURE_MISMATCH, null);
            }
        }
        return requests.register(new DeviceCommands.Register(header.udi(), data.idToken(), data.force(), keyDer,
                data.csrDer(), data.hostname(), data.productName(), data.softwareVersion(), data.exportControlled(),
                deviceTime));
    }

    private static byte[] csrPublicKey(byte[] csrDer) {
        try {
            return new PKCS10CertificationRequest(csrDer).getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new InvalidRequestDataException("request_data.csr: not a PKCS#10 certificate request (DER)");
        }
    }

    private static PublicKey acceptedKey(byte[] keyDer, String field) {
        try {
            return DeviceSignatures.acceptedDeviceKey(keyDer);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestDataException(field + ": " + e.getMessage());
        }
    }

    private byte[] amlReply(AmlEnvelope request, String signedReply) {
        Instant now = clock.instant();
        AmlEnvelope reply = new AmlEnvelope(request.from(), request.to(), request.to(),
                "M" + UUID.randomUUID().toString().replace("-", ""), AmlEnvelope.SMART_LICENSING_TYPE,
                AmlEnvelope.creationDate(now), BUILDER_NAME, builderVersion, signedReply);
        return reply.toXml().getBytes(StandardCharsets.UTF_8);
    }

    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("body: not valid UTF-8");
        }
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean utf8OrUnspecified(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String charset = pair[1].strip().replace("\"", "");
                return charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
            }
        }
        return true;
    }

    enum Framing {
        AML, JSON;

        static Framing of(String contentType) {
            return switch (mediaType(contentType)) {
                case "application/soap+xml", "text/xml", "application/xml" -> AML;
                case "application/json" -> JSON;
                default -> null;
            };
        }
    }
}
