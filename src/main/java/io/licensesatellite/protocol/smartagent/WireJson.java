package io.licensesatellite.protocol.smartagent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the device protocol, on both sides of the wire. Device messages are
 * untrusted, and the signed request nests JSON inside JSON strings, so every level is read with the
 * same tight bounds and duplicate keys are refused: two readers must never see two different values.
 */
public final class WireJson {
    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_STRING_LENGTH = 64 * 1024;
    private static final int MAX_NUMBER_LENGTH = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WireJson() {}

    /**
     * Reads one JSON object.
     *
     * @param what names the part being read in the error detail, e.g. {@code request} or {@code request.request_data}
     */
    public static ObjectNode readObject(String json, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new MalformedMessageException(what + ": exceeds the limits for nesting depth (" + MAX_NESTING_DEPTH
                    + ") or string length (" + MAX_STRING_LENGTH + ")");
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(what + ": not valid JSON (" + describe(e) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedMessageException(what + ": a JSON object is expected");
        }
        return (ObjectNode) node;
    }

    public static ObjectNode readObject(byte[] utf8Json, String what) {
        return readObject(new String(utf8Json, java.nio.charset.StandardCharsets.UTF_8), what);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree node always serialises", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Jackson's own message, without the source excerpt it appends (which would echo untrusted input back). */
    private static String describe(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException) {
            return "unexpected content after the JSON value";
        }
        String message = e.getOriginalMessage();
        if (message == null) {
            return "syntax error";
        }
        int cut = message.indexOf('\n');
        String first = cut < 0 ? message : message.substring(0, cut);
        if (first.contains("`") || first.contains("com.fasterxml")) {
            first = "syntax error";
        } else if (first.length() > 200) {
            first = first.substring(0, 200);
        }
        var location = e.getLocation();
        return location == null ? first : first + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
