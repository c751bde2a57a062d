package io.licensesatellite.protocol.smartagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesatellite.devices.DeviceCommands.EntitlementRequest;
import io.licensesatellite.devices.Udi;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reads and bounds the {@code request_data} of each request type (ours: no public source shows these schemas). */
final class RequestData {
    static final int MAX_ENTITLEMENTS = 100;
    static final int MAX_ENTITLEMENT_COUNT = 100_000;
    static final int MAX_TAG_LENGTH = 256;
    static final int MAX_TOKEN_LENGTH = 1024;
    static final int MAX_TEXT_LENGTH = 255;
    static final int MAX_KEY_BYTES = 8 * 1024;
    static final int MAX_CSR_BYTES = 16 * 1024;

    private RequestData() {}

    /** @param csrDer null when the device sent a bare public key; exactly one of the two is present */
    record Registration(String idToken, boolean force, byte[] csrDer, byte[] publicKeyDer, String hostname,
                        String productName, String softwareVersion, boolean exportControlled) {}

    static Registration registration(ObjectNode data, Udi headerUdi) {
        checkSudi(data, headerUdi);
        String token = text(data, "id_token", MAX_TOKEN_LENGTH, true);
        byte[] csr = base64(data, "csr", MAX_CSR_BYTES);
        byte[] publicKey = base64(data, "public_key", MAX_KEY_BYTES);
        if (csr == null && publicKey == null) {
            throw new InvalidRequestDataException("request_data: csr or public_key is required");
        }
        return new Registration(token, bool(data, "force"), csr, csr == null ? publicKey : null,
                text(data, "hostname", MAX_TEXT_LENGTH, false), text(data, "product_name", MAX_TEXT_LENGTH, false),
                text(data, "software_version", MAX_TEXT_LENGTH, false), bool(data, "export_controlled"));
    }

    /**
     * A new key comes only inside a CSR, whose self-signature proves the device holds it: the request itself is
     * signed with the old key, which says nothing about the new one.
     *
     * @return the CSR (DER) for a new key, or null to re-certify the registered one
     */
    static byte[] idCertificateRenewal(ObjectNode data, Udi headerUdi) {
        checkSudi(data, headerUdi);
        if (data.hasNonNull("public_key")) {
            throw new InvalidRequestDataException("request_data.public_key: a new key must be sent as a csr, signed with that key");
        }
        return base64(data, "csr", MAX_CSR_BYTES);
    }

    static List<EntitlementRequest> authorization(ObjectNode data, Udi headerUdi) {
        checkSudi(data, headerUdi);
        JsonNode entitlements = data.get("entitlements");
        if (entitlements == null || !entitlements.isArray()) {
            throw new InvalidRequestDataException("request_data.entitlements: an array is required");
        }
        if (entitlements.isEmpty() || entitlements.size() > MAX_ENTITLEMENTS) {
            throw new InvalidRequestDataException("request_data.entitlements: 1 to " + MAX_ENTITLEMENTS + " entries expected");
        }
        List<EntitlementRequest> requests = new ArrayList<>(entitlements.size());
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < entitlements.size(); i++) {
            String at = "request_data.entitlements[" + i + "]";
            JsonNode entry = entitlements.get(i);
            if (!entry.isObject()) {
                throw new InvalidRequestDataException(at + ": an object with tag and count is expected");
            }
            JsonNode tag = entry.get("tag");
            if (tag == null || !tag.isTextual() || tag.textValue().isBlank() || tag.textValue().length() > MAX_TAG_LENGTH) {
                throw new InvalidRequestDataException(at + ".tag: a string of 1 to " + MAX_TAG_LENGTH + " characters is expected");
            }
            JsonNode count = entry.get("count");
            if (count == null || !count.isIntegralNumber() || !count.canConvertToInt()
                    || count.intValue() < 1 || count.intValue() > MAX_ENTITLEMENT_COUNT) {
                throw new InvalidRequestDataException(at + ".count: an integer from 1 to " + MAX_ENTITLEMENT_COUNT + " is expected");
            }
            if (!tags.add(tag.textValue())) {
                throw new InvalidRequestDataException(at + ".tag: listed more than once");
            }
            requests.add(new EntitlementRequest(tag.textValue(), count.intValue()));
        }
        return List.copyOf(requests);
    }

    static void deregistration(ObjectNode data, Udi headerUdi) {
        checkSudi(data, headerUdi);
    }

    /** Both copies are signed, so a difference is the device's error, and acting on either would be a guess. */
    private static void checkSudi(ObjectNode data, Udi headerUdi) {
        JsonNode sudi = data.get("sudi");
        if (sudi == null || sudi.isNull()) {
            return;
        }
        Udi udi;
        try {
            if (!sudi.isObject()) {
                throw new MalformedMessageException("request_data.sudi: an object is expected");
            }
            udi = SignedRequest.sudi(sudi, "request_data.sudi");
        } catch (MalformedMessageException e) {
            throw new InvalidRequestDataException(e.getMessage());
        }
        if (!udi.pid().equals(headerUdi.pid()) || !udi.serialNumber().equals(headerUdi.serialNumber())
                || (udi.uuid() != null && headerUdi.uuid() != null && !Objects.equals(udi.uuid(), headerUdi.uuid()))) {
            throw new InvalidRequestDataException("request_data.sudi: does not match request.header.sudi");
        }
    }

    private static String text(ObjectNode data, String field, int maxLength, boolean required) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidRequestDataException("request_data." + field + ": required");
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().length() > maxLength || (required && value.textValue().isBlank())) {
            throw new InvalidRequestDataException("request_data." + field + ": a string of "
                    + (required ? "1" : "0") + " to " + maxLength + " characters is expected");
        }
        return value.textValue();
    }

    private static boolean bool(ObjectNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidRequestDataException("request_data." + field + ": true or false is expected");
        }
        return value.booleanValue();
    }

    private static byte[] base64(ObjectNode data, String field, int maxBytes) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestDataException("request_data." + field + ": a base64 string is expected");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.textValue().replaceAll("[\\r\\n ]", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestDataException("request_data." + field + ": not valid base64");
        }
        if (bytes.length == 0 || bytes.length > maxBytes) {
            throw new InvalidRequestDataException("request_data." + field + ": 1 to " + maxBytes + " bytes expected");
        }
        return bytes;
    }
}
