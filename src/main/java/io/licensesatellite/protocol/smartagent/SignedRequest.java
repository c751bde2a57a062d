package io.licensesatellite.protocol.smartagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesatellite.devices.Udi;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A device's signed request (protocol-facts A3): the exact {@code request} string that was signed, the
 * signature, and the two string-embedded levels parsed. Reading checks shape and types only; the
 * signature is checked by the caller, which knows which key to use.
 */
public record SignedRequest(String request, byte[] signature, RequestHeader header, ObjectNode requestData) {

    private static final int MAX_SIGNATURE_BYTES = 1024;
    private static final int MAX_FIELD_LENGTH = 256;

    /** The bytes the device signed: the UTF-8 encoding of the {@code request} string value. */
    public byte[] signedBytes() {
        return request.getBytes(StandardCharsets.UTF_8);
    }

    public static SignedRequest parse(String signedJson) {
        ObjectNode outer = WireJson.readObject(signedJson, "signed message");
        JsonNode signatureNode = outer.get("signature");
        if (signatureNode == null || !signatureNode.isObject()) {
            throw new MalformedMessageException("signature: an object with type and value is required");
        }
        String signatureType = requiredText(signatureNode, "type", "signature.type");
        if (!"SHA-256".equals(signatureType)) {
            throw new MalformedMessageException("signature.type: only \"SHA-256\" is supported");
        }
        byte[] signature = base64(requiredText(signatureNode, "value", "signature.value"), "signature.value");
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
            throw new MalformedMessageException("signature.value: 1 to " + MAX_SIGNATURE_BYTES + " bytes expected");
        }
        String request = requiredText(outer, "request", "request");

        ObjectNode inner = WireJson.readObject(request, "request");
        JsonNode headerNode = inner.get("header");
        if (headerNode == null || !headerNode.isObject()) {
            throw new MalformedMessageException("request.header: an object is required");
        }
        RequestHeader header = header(headerNode);
        ObjectNode requestData = WireJson.readObject(requiredText(inner, "request_data", "request.request_data"),
                "request.request_data");
        return new SignedRequest(request, signature, header, requestData);
    }

    private static RequestHeader header(JsonNode header) {
        String version = optionalText(header, "version", "request.header.version");
        String typeName = requiredText(header, "request_type", "request.header.request_type", MAX_FIELD_LENGTH);
        RequestType type = RequestType.of(typeName).orElseThrow(() -> new MalformedMessageException(
                "request.header.request_type: one of REGISTER, ID_CERT_RENEW, AUTH, DEREGISTER expected"));
        String nonce = requiredText(header, "nonce", "request.header.nonce", MAX_FIELD_LENGTH);
        JsonNode timestamp = header.get("timestamp");
        if (timestamp == null || timestamp.isNull()) {
            throw new MalformedMessageException("request.header.timestamp: required");
        }
        if (!timestamp.isIntegralNumber() || !timestamp.canConvertToLong()) {
            throw new MalformedMessageException("request.header.timestamp: an integer (epoch milliseconds) is expected");
        }
        JsonNode sudi = header.get("sudi");
        if (sudi == null || !sudi.isObject()) {
            throw new MalformedMessageException("request.header.sudi: an object is required");
        }
        Udi udi = sudi(sudi, "request.header.sudi");
        return new RequestHeader(version, type, nonce, timestamp.longValue(), udi,
                optionalText(header, "product_instance_identifier", "request.header.product_instance_identifier"),
                optionalText(header, "id_cert_serial_number", "request.header.id_cert_serial_number"),
                optionalText(header, "signing_cert_serial_number", "request.header.signing_cert_serial_number"));
    }

    static Udi sudi(JsonNode sudi, String at) {
        String pid = requiredText(sudi, "udi_pid", at + ".udi_pid", MAX_FIELD_LENGTH);
        String serial = requiredText(sudi, "udi_serial_number", at + ".udi_serial_number", MAX_FIELD_LENGTH);
        String uuid = optionalText(sudi, "uuid", at + ".uuid");
        for (String other : new String[] {"suvi", "host_identifier", "mac_address", "udi_vid"}) {
            optionalText(sudi, other, at + "." + other);
        }
        return new Udi(pid, serial, uuid);
    }

    /** A string field, or null when absent or JSON null; numbers are accepted for serials devices may send unquoted. */
    static String optionalText(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text;
        if (value.isTextual()) {
            text = value.textValue();
        } else if (value.isIntegralNumber()) {
            text = value.asText();
        } else {
            throw new MalformedMessageException(at + ": a string is expected");
        }
        if (text.length() > MAX_FIELD_LENGTH) {
            throw new MalformedMessageException(at + ": longer than " + MAX_FIELD_LENGTH + " characters");
        }
        return text.isEmpty() ? null : text;
    }

    static String requiredText(JsonNode node, String field, String at) {
        return requiredText(node, field, at, Integer.MAX_VALUE);
    }

    static String requiredText(JsonNode node, String field, String at, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedMessageException(at + ": required");
        }
        if (!value.isTextual()) {
            throw new MalformedMessageException(at + ": a string is expected");
        }
        if (value.textValue().isEmpty()) {
            throw new MalformedMessageException(at + ": must not be empty");
        }
        if (value.textValue().length() > maxLength) {
            throw new MalformedMessageException(at + ": longer than " + maxLength + " characters");
        }
        return value.textValue();
    }

    /** Line breaks are tolerated (some agents wrap base64); anything else outside the alphabet is an error. */
    static byte[] base64(String value, String at) {
        try {
            return Base64.getDecoder().decode(value.replaceAll("[\\r\\n ]", ""));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(at + ": not valid base64");
        }
    }
}
