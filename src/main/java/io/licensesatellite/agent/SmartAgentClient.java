package io.licensesatellite.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesatellite.agent.AgentMessages.Authorization;
import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Deregistration;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentMessages.EntitlementStatus;
import io.licensesatellite.agent.AgentMessages.IdCertificateRenewal;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentMessages.Registration;
import io.licensesatellite.agent.SmartAgentException.Kind;
import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.protocol.smartagent.AmlEnvelope;
import io.licensesatellite.protocol.smartagent.DeviceRequestRoutes;
import io.licensesatellite.protocol.smartagent.MalformedMessageException;
import io.licensesatellite.protocol.smartagent.WireJson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The device side of the protocol: builds and signs requests with the device key, sends them, and
 * trusts an answer only after its signature verifies against the satellite's signer certificate.
 * Thread-safe; one client may serve many simulated devices.
 */
public final class SmartAgentClient {
    public static final String AGENT_NAME = "License Satellite simulator";
    public static final String AGENT_VERSION = "1.0";
    private static final String SUCCESS = "SUCCESS";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Which envelope the device uses: Call Home (AML) or the bare signed JSON of Smart Transport. */
    public enum Framing {
        AML("application/soap+xml; charset=utf-8", DeviceRequestRoutes.CALL_HOME_PATH),
        JSON("application/json", DeviceRequestRoutes.SMART_TRANSPORT_PATH);

        private final String contentType;
        private final String path;

        Framing(String contentType, String path) {
            this.contentType = contentType;
            this.path = path;
        }

        public String contentType() {
            return contentType;
        }

        /** The door path devices of this transport use. */
        public String path() {
            return path;
        }
    }

    private final java.util.Map<String, X509Certificate> rolledSigners = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile X509Certificate newestSigner;
    private final AgentTransport transport;
    private final Framing framing;
    private final Clock clock;

    public SmartAgentClient(AgentTransport transport, Framing framing, Clock clock) {
        this.transport = transport;
        this.framing = framing;
        this.clock = clock;
    }

    public Framing framing() {
        return framing;
    }

    /** @param doorBaseUrl e.g. {@code https://satellite:8444}; the framing's path is appended */
    public static SmartAgentClient overHttps(URI doorBaseUrl, SSLContext tls, Framing framing, Clock clock) {
        String base = doorBaseUrl.toString().replaceAll("/+$", "");
        return new SmartAgentClient(new HttpsTransport(URI.create(base + framing.path()), tls, Duration.ofSeconds(30)),
                framing, clock);
    }

    /**
     * Registers with an ID token. A successful answer brings the satellite's signer and CA certificates: the
     * signer must chain to {@code trustedCa} when the device already trusts one, else to the CA in the answer
     * (trust on first use, as a device with a fresh trust point).
     *
     * @param trustedCa the CA the device already trusts, or null
     * @param knownSigner the signer certificate the device already holds (re-registration), or null
     */
    public AgentReply<Registration> register(DeviceIdentity device, RegisterRequest request, X509Certificate trustedCa,
                                             X509Certificate knownSigner) {
        ObjectNode data = WireJson.object();
        data.put("id_token", request.idToken());
        data.put("force", request.force());
        String publicKey = Base64.getEncoder().encodeToString(device.keyPair().getPublic().getEncoded());
        if (request.sendCsr()) {
            byte[] csr = DeviceSignatures.createCsr(device.keyPair(),
                    "CN=" + device.pid() + ",SERIALNUMBER=" + device.serialNumber());
            data.put("csr", Base64.getEncoder().encodeToString(csr));
        } else {
            data.put("public_key", publicKey);
        }
        data.put("hostname", request.hostname());
        data.put("product_name", request.productName());
        data.put("software_version", request.softwareVersion());
        data.put("export_controlled", request.exportControlled());
        Reply reply = exchange("REGISTER", device, null, data);
        if (!SUCCESS.equals(reply.status())) {
            if (knownSigner == null) {
                return new AgentReply.Failure<>(reply.status(), reply.failureReason(), false);
            }
            verify(reply, knownSigner);
            return new AgentReply.Failure<>(reply.status(), reply.failureReason(), true);
        }
        JsonNode d = reply.data();
        X509Certificate signer = certificate(d, "signing_cert");
        X509Certificate ca = certificate(d, "ca_cert");
        X509Certificate anchor = trustedCa != null ? trustedCa : ca;
        try {
            signer.verify(anchor.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new SmartAgentException(Kind.UNTRUSTED_REPLY,
                    "the signer certificate in the registration answer is not issued by the trusted satellite CA");
        }
        verify(reply, signer);
        return new AgentReply.Success<>(new Registration(text(d, "product_instance_identifier"), text(d, "smart_account"),
                text(d, "virtual_account"), bool(d, "export_controlled_allowed"), text(d, "id_cert"),
                text(d, "id_cert_serial_number"), text(d, "signing_cert"), text(d, "signing_cert_serial_number"),
                text(d, "ca_cert"), instant(d, "registration_expires"), instant(d, "renew_after")));
    }

    public AgentReply<Registration> register(DeviceIdentity device, RegisterRequest request) {
        return register(device, request, null, null);
    }

    /** @param newKeys a new key pair to certify, sent as a CSR it signs (the request itself is signed with the registered key), or null */
    public AgentReply<IdCertificateRenewal> renewIdCertificate(Credentials credentials, KeyPair newKeys) {
        ObjectNode data = WireJson.object();
        if (newKeys != null) {
            byte[] csr = DeviceSignatures.createCsr(newKeys, "CN=" + credentials.device().pid() + ",SERIALNUMBER="
                    + credentials.device().serialNumber());
            data.put("csr", Base64.getEncoder().encodeToString(csr));
        }
        return registered("ID_CERT_RENEW", credentials, data, d -> new IdCertificateRenewal(text(d, "id_cert"),
                text(d, "id_cert_serial_number"), instant(d, "registration_expires"), instant(d, "renew_after")));
    }

    public AgentReply<Authorization> authorize(Credentials credentials, List<Entitlement> entitlements) {
        ObjectNode data = WireJson.object();
        ArrayNode list = data.putArray("entitlements");
        for (Entitlement entitlement : entitlements) {
            list.addObject().put("tag", entitlement.tag()).put("count", entitlement.count());
        }
        return registered("AUTH", credentials, data, d -> {
            List<EntitlementStatus> statuses = new ArrayList<>();
            JsonNode entries = d.get("entitlements");
            if (entries == null || !entries.isArray()) {
                throw badReply("response_data.entitlements missing");
            }
            for (JsonNode entry : entries) {
                JsonNode borrowedFrom = entry.get("borrowed_from");
                statuses.add(new EntitlementStatus(text(entry, "tag"), entry.path("count").asInt(), text(entry, "status"),
                        borrowedFrom == null || borrowedFrom.isNull() ? null : borrowedFrom.asText(),
                        entry.path("borrowed").asInt()));
            }
            return new Authorization(text(d, "status"), List.copyOf(statuses), instant(d, "authorization_expires"),
                    d.path("renewal_interval_days").asLong(), instant(d, "next_renewal"));
        });
    }

    public AgentReply<Deregistration> deregister(Credentials credentials) {
        return registered("DEREGISTER", credentials, WireJson.object(),
                d -> new Deregistration(text(d, "product_instance_identifier")));
    }

    private <T> AgentReply<T> registered(String type, Credentials credentials, ObjectNode data, Function<JsonNode, T> success) {
        Reply reply = exchange(type, credentials.device(), credentials, data);
        X509Certificate signer = credentials.signerCertificate();
        if (signer == null) {
            if (SUCCESS.equals(reply.status())) {
                throw new SmartAgentException(Kind.UNTRUSTED_REPLY, "no signer certificate to check the answer with");
            }
            return new AgentReply.Failure<>(reply.status(), reply.failureReason(), false);
        }
        verify(reply, rolledOver(reply, signer, credentials.caCertificate()));
        if (!SUCCESS.equals(reply.status())) {
            return new AgentReply.Failure<>(reply.status(), reply.failureReason(), true);
        }
        return new AgentReply.Success<>(success.apply(reply.data()));
    }

    /**
     * The signer to check this answer with: the one the device holds, or a newer one the satellite sent because
     * it rotated, accepted only if it is issued by the CA the device trusts. Newer signers are remembered.
     */
    private X509Certificate rolledOver(Reply reply, X509Certificate held, X509Certificate trustedCa) {
        if (reply.signerSerial() == null || reply.signerSerial().equals(held.getSerialNumber().toString())) {
            return held;
        }
        X509Certificate known = rolledSigners.get(reply.signerSerial());
        if (known == null && reply.newSignerPem() != null && trustedCa != null) {
            X509Certificate offered = DeviceSignatures.parseCertificate(reply.newSignerPem());
            try {
                offered.verify(trustedCa.getPublicKey());
                offered.checkValidity(java.util.Date.from(clock.instant()));
            } catch (GeneralSecurityException e) {
                throw new SmartAgentException(Kind.UNTRUSTED_REPLY, "the new signer certificate offered by the satellite"
                        + " is not issued by the trusted satellite CA or not valid now");
            }
            if (offered.getSerialNumber().toString().equals(reply.signerSerial())) {
                rolledSigners.put(reply.signerSerial(), offered);
                newestSigner = offered;
                known = offered;
            }
        }
        return known == null ? held : known;
    }

    /** The newest signer this client accepted after a rotation, for a device to keep; null if none. */
    public X509Certificate newestSigner() {
        return newestSigner;
    }

    private static void verify(Reply reply, X509Certificate signer) {
        String holds = signer.getSerialNumber().toString();
        if (!holds.equals(reply.signerSerial())) {
            throw new SmartAgentException(Kind.UNTRUSTED_REPLY, "the answer is signed by satellite signer "
                    + reply.signerSerial() + " but this device holds signer " + holds + "; register again to get the new signer");
        }
        if (!DeviceSignatures.verify(signer.getPublicKey(), reply.response().getBytes(StandardCharsets.UTF_8), reply.signature())) {
            throw new SmartAgentException(Kind.UNTRUSTED_REPLY, "the answer's signature does not verify with signer " + holds);
        }
    }

    private record Reply(String response, byte[] signature, String signerSerial, String newSignerPem, String status,
                         String failureReason, JsonNode data) {}

    private Reply exchange(String type, DeviceIdentity device, Credentials credentials, ObjectNode specific) {
        String nonce = Long.toUnsignedString(RANDOM.nextLong());
        long timestamp = clock.millis();
        ObjectNode sudi = sudi(device);

        ObjectNode data = WireJson.object();
        data.set("sudi", sudi.deepCopy());
        data.put("timestamp", timestamp);
        data.put("nonce", nonce);
        data.setAll(specific);

        ObjectNode header = WireJson.object();
        header.put("version", "1.1");
        header.put("locale", "en_US.UTF-8");
        header.set("sudi", sudi);
        header.put("timestamp", timestamp);
        header.put("nonce", nonce);
        header.put("request_type", type);
        if (credentials != null) {
            putIfPresent(header, "product_instance_identifier", credentials.productInstanceId());
            putIfPresent(header, "id_cert_serial_number", credentials.idCertSerial());
            putIfPresent(header, "signing_cert_serial_number", credentials.signerSerial());
        }
        header.putNull("agent_actions");
        header.putObject("connect_info").put("name", AGENT_NAME).put("version", AGENT_VERSION);

        ObjectNode request = WireJson.object();
        request.set("header", header);
        request.put("nonce", nonce);
        request.put("request_data", WireJson.write(data));
        String requestText = WireJson.write(request);

        byte[] signature = DeviceSignatures.sign(device.keyPair().getPrivate(), requestText.getBytes(StandardCharsets.UTF_8));
        ObjectNode signed = WireJson.object();
        signed.putObject("signature").put("type", "SHA-256").put("value", Base64.getEncoder().encodeToString(signature));
        signed.putNull("credential");
        signed.put("request", requestText);
        String signedText = WireJson.write(signed);

        byte[] body = framing == Framing.JSON
                ? signedText.getBytes(StandardCharsets.UTF_8)
                : envelope(device, signedText).toXml().getBytes(StandardCharsets.UTF_8);
        AgentTransport.Response response;
        try {
            response = transport.post(framing.contentType(), body);
        } catch (IOException e) {
            throw new SmartAgentException(Kind.COMMUNICATION, "cannot reach the satellite: " + describe(e), 0, e);
        }
        return read(type, nonce, response);
    }

    private AmlEnvelope envelope(DeviceIdentity device, String signedJson) {
        String messageId = "M" + HexFormat.of().toHexDigits(RANDOM.nextInt()) + ":" + device.serialNumber() + ":"
                + Long.toHexString(clock.millis());
        // To as the CUC agent sets it (protocol-facts A2 [S1]); Via and From as in the Call Home sample [S2].
        return new AmlEnvelope("http://tools.cisco.com/neddce/services/DDCEService", "http://www.cisco.com/appliance/uri",
                "http://www.cisco.com/appliance/uri", messageId, AmlEnvelope.SMART_LICENSING_TYPE,
                AmlEnvelope.creationDate(clock.instant()), AGENT_NAME, AGENT_VERSION, signedJson);
    }

    private Reply read(String type, String nonce, AgentTransport.Response response) {
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (response.status() != 200) {
            String detail = "";
            try {
                detail = ": " + WireJson.readObject(body, "problem").path("detail").asText("");
            } catch (MalformedMessageException e) {
                // not a problem document; the status alone says enough
            }
            throw new SmartAgentException(Kind.HTTP_ERROR, "the satellite answered HTTP " + response.status() + detail,
                    response.status(), null);
        }
        try {
            String signedText = framing == Framing.AML
                    ? AmlEnvelope.parse(body).data()
                    : new String(body, StandardCharsets.UTF_8);
            ObjectNode signed = WireJson.readObject(signedText, "reply");
            String responseText = text(signed, "response");
            byte[] signature = Base64.getDecoder().decode(text(signed.path("signature"), "value"));
            String signerSerial = text(signed, "signing_cert_serial_number");
            ObjectNode responseNode = WireJson.readObject(responseText, "reply.response");
            JsonNode header = responseNode.path("header");
            if (!type.equals(header.path("request_type").asText()) || !nonce.equals(header.path("nonce").asText())) {
                throw badReply("the answer is not for this request (request type or nonce differ)");
            }
            JsonNode failure = header.get("failure_reason");
            JsonNode dataNode = responseNode.get("response_data");
            JsonNode data = dataNode == null || dataNode.isNull() ? null : WireJson.readObject(dataNode.asText(), "reply.response_data");
            String status = text(header, "status");
            if (SUCCESS.equals(status) && data == null) {
                throw badReply("a successful answer without response_data");
            }
            JsonNode newSigner = signed.get("signing_cert");
            return new Reply(responseText, signature, signerSerial,
                    newSigner == null || newSigner.isNull() ? null : newSigner.asText(), status,
                    failure == null || failure.isNull() ? null : failure.asText(), data);
        } catch (MalformedMessageException | IllegalArgumentException e) {
            throw badReply(e.getMessage());
        }
    }

    /** The JDK client often wraps the telling exception (connection refused, handshake failure) without a message. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    private static ObjectNode sudi(DeviceIdentity device) {
        ObjectNode sudi = WireJson.object();
        sudi.put("udi_pid", device.pid());
        sudi.put("udi_serial_number", device.serialNumber());
        if (device.uuid() != null) {
            sudi.put("uuid", device.uuid());
        } else {
            sudi.putNull("uuid");
        }
        sudi.putNull("suvi");
        sudi.putNull("host_identifier");
        sudi.putNull("mac_address");
        sudi.putNull("udi_vid");
        return sudi;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static X509Certificate certificate(JsonNode data, String field) {
        try {
            return DeviceSignatures.parseCertificate(text(data, field));
        } catch (IllegalArgumentException e) {
            throw badReply("response_data." + field + " is not a PEM certificate");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            throw badReply(field + " missing");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String field) {
        return node.path(field).asBoolean(false);
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw badReply(field + " missing");
        }
        return Instant.ofEpochMilli(value.longValue());
    }

    private static SmartAgentException badReply(String why) {
        return new SmartAgentException(Kind.BAD_REPLY, "unusable answer from the satellite: " + why);
    }
}
