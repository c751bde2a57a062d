package io.licensesatellite.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RUM wrappers and payloads (protocol-facts B3) within {@link RumLimits}: nesting depth, string and number
 * length, document size, number of measurements. It lives in the domain, not in a door, because every door (push,
 * pull, file) hands the same wrapper to the same checks.
 */
public final class RumReader {
    static final String SUPPORTED_VERSION = "2.0";
    private static final int MAX_NUMBER_LENGTH = 40;

    private final RumLimits limits;
    private final ObjectMapper wrapperMapper;
    private final ObjectMapper payloadMapper;

    public RumReader(RumLimits limits) {
        this.limits = limits;
        this.wrapperMapper = mapper(limits.maxJsonDepth(), limits.maxWrapperBytes(), limits.maxWrapperBytes());
        this.payloadMapper = mapper(limits.maxJsonDepth(), limits.maxStringLength(), limits.maxWrapperBytes());
    }

    public RumLimits limits() { return limits; }

    /** A JSON parser with this reader's bounds (the doors read their own bodies with it, so one set of limits holds). */
    public JsonParser parser(byte[] json) throws IOException {
        return wrapperMapper.getFactory().createParser(json);
    }

    /**
     * A factory for a door's envelope that carries many wrappers: the document may be as long as the door accepts,
     * every other bound is this reader's. Each wrapper cut from it is read again on its own with {@link #wrapper}.
     */
    public JsonFactory envelopeFactory(int maxDocumentBytes) {
        return mapper(limits.maxJsonDepth(), limits.maxWrapperBytes(), Math.max(maxDocumentBytes, limits.maxWrapperBytes()))
                .getFactory();
    }

    private static ObjectMapper mapper(int depth, int maxString, int maxDocument) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(depth)
                        .maxStringLength(maxString)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxDocumentLength(maxDocument)
                        .maxNameLength(256)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(factory);
    }

    /** One wrapper from its JSON bytes (a wrapper on its own, as in a file's {@code <RUMReport>}). */
    public RumWrapper wrapper(byte[] json) throws RumReportException {
        if (json.length > limits.maxWrapperBytes()) {
            throw new RumReportException(UsageRefusal.OUT_OF_BOUNDS, "The wrapper has " + json.length
                    + " bytes; at most " + limits.maxWrapperBytes() + " are accepted");
        }
        try (JsonParser parser = parser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new RumReportException(UsageRefusal.NOT_MODEL, "A RUM report is a JSON object");
            }
            RumWrapper wrapper = wrapper(json, parser);
            if (parser.nextToken() != null) {
                throw new RumReportException(UsageRefusal.NOT_JSON, "Text follows the wrapper object");
            }
            return wrapper;
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /**
     * The wrapper object the parser stands on (at its START_OBJECT), reading {@code source}, the bytes the parser
     * reads: the signature and header are cut from them so they stay exactly as received. Leaves the parser on the
     * wrapper's END_OBJECT.
     */
    public RumWrapper wrapper(byte[] source, JsonParser parser) throws RumReportException, IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        String payload = null;
        String signature = null;
        String header = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "payload" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new RumReportException(UsageRefusal.NOT_MODEL, "payload: must be a string");
                    }
                    payload = parser.getText();
                }
                case "signature" -> signature = rawObject(source, parser, "signature");
                case "header" -> header = rawObject(source, parser, "header");
                default -> parser.skipChildren();  // unknown members are not forwarded: the signature covers the payload only
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new RumReportException(UsageRefusal.NOT_JSON, "The wrapper object is not closed");
        }
        if (parser.currentTokenLocation().getByteOffset() - start + 1 > limits.maxWrapperBytes()) {
            throw new RumReportException(UsageRefusal.OUT_OF_BOUNDS, "The wrapper is larger than "
                    + limits.maxWrapperBytes() + " bytes");
        }
        if (payload == null) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, "payload: missing");
        }
        if (signature == null) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, "signature: missing");
        }
        return new RumWrapper(payload, signature, header, signatureSudi(signature));
    }

    /** A wrapper from its parts, as a device's REST API lists them (pull): the same checks as a whole wrapper. */
    public RumWrapper wrapper(String payload, String signatureJson, String headerJson) throws RumReportException {
        if (payload == null || signatureJson == null) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, payload == null ? "payload: missing" : "signature: missing");
        }
        return wrapper(new RumWrapper(payload, signatureJson, headerJson, null).toJson().getBytes(StandardCharsets.UTF_8));
    }

    private String rawObject(byte[] source, JsonParser parser, String field) throws RumReportException, IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, field + ": must be an object");
        }
        int from = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int to = (int) parser.currentTokenLocation().getByteOffset() + 1;
        if (from < 0 || to > source.length || to - from > limits.maxStringLength()) {
            throw new RumReportException(UsageRefusal.OUT_OF_BOUNDS, field + ": larger than " + limits.maxStringLength() + " bytes");
        }
        return new String(source, from, to - from, StandardCharsets.UTF_8);
    }

    private DeviceId signatureSudi(String signatureJson) throws RumReportException {
        JsonNode signature = tree(wrapperMapper, signatureJson.getBytes(StandardCharsets.UTF_8));
        JsonNode sudi = signature.get("sudi");
        if (sudi == null || sudi.isNull()) {
            return null;
        }
        return sudi("signature.sudi", sudi);
    }

    /** The parsed view of a payload; refuses what is not the model. */
    public RumPayload payload(String payload) throws RumReportException {
        JsonNode root = tree(payloadMapper, payload.getBytes(StandardCharsets.UTF_8));
        if (!root.isObject()) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, "The payload is not a JSON object");
        }
        String version = text(root, "version", false, "version");
        if (version != null && !SUPPORTED_VERSION.equals(version)) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, "version: " + version + " is not supported (2.0 or none)");
        }
        JsonNode asset = object(root, "asset_identification", true);
        JsonNode meta = object(root, "meta", false);
        JsonNode reportId = asset.get("report_id");
        if (reportId == null && meta != null) {
            reportId = meta.get("report_id");  // 17.6 form
        }
        if (reportId == null) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, "asset_identification.report_id: missing");
        }
        long id = integer("report_id", reportId, UsageRefusal.NOT_MODEL);
        JsonNode instance = object(asset, "instance", true);
        DeviceId device = sudi("asset_identification.instance.sudi", instance.get("sudi"));
        JsonNode assetNode = object(asset, "asset", false);
        String softwareTag = assetNode == null ? null : text(assetNode, "name", false, "asset_identification.asset.name");
        String reportTag = meta == null ? null : text(meta, "entitlement_tag", false, "meta.entitlement_tag");
        String softwareVersion = meta == null ? null : text(meta, "software_version", false, "meta.software_version");
        JsonNode measurements = root.get("measurements");
        if (measurements == null || !measurements.isArray()) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, "measurements: must be an array");
        }
        if (measurements.size() > limits.maxMeasurements()) {
            throw new RumReportException(UsageRefusal.OUT_OF_BOUNDS, "measurements: " + measurements.size()
                    + " in one report; at most " + limits.maxMeasurements());
        }
        List<RumPayload.Measurement> parsed = new ArrayList<>(measurements.size());
        for (int i = 0; i < measurements.size(); i++) {
            parsed.add(measurement("measurements[" + i + "]", measurements.get(i), reportTag));
        }
        return new RumPayload(version, id, device, softwareTag, softwareVersion, List.copyOf(parsed));
    }

    private RumPayload.Measurement measurement(String path, JsonNode m, String reportTag) throws RumReportException {
        if (!m.isObject()) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, path + ": must be an object");
        }
        JsonNode meta = object(m, "meta", false);
        String tag = meta == null ? null : text(meta, "entitlement_tag", false, path + ".meta.entitlement_tag");
        if (tag == null) {
            tag = reportTag;
        }
        if (tag == null || tag.isBlank()) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, path + ": no entitlement tag (meta.entitlement_tag)");
        }
        long start = integer(path + ".start_time", require(m, "start_time", path), UsageRefusal.NOT_MODEL);
        long end = integer(path + ".end_time", require(m, "end_time", path), UsageRefusal.NOT_MODEL);
        if (start < 0 || end < start) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, path + ": end_time must not precede start_time");
        }
        if (Duration.ofSeconds(end - start).compareTo(limits.maxMeasurementSpan()) > 0) {
            throw new RumReportException(UsageRefusal.OUT_OF_BOUNDS, path + ": spans more than " + limits.maxMeasurementSpan().toDays() + " days");
        }
        JsonNode value = object(m, "value", true);
        String type = text(value, "type", false, path + ".value.type");
        if (type != null && !"COUNT".equals(type)) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, path + ".value.type: " + type + " is not COUNT");
        }
        long count = integer(path + ".value.value", require(value, "value", path + ".value"), UsageRefusal.BAD_COUNT);
        if (count < 0) {
            throw new RumReportException(UsageRefusal.BAD_COUNT, path + ".value.value: negative count " + count);
        }
        JsonNode samples = m.get("num_samples");
        int n = samples == null || samples.isNull() ? 0 : (int) Math.min(Integer.MAX_VALUE, integer(path + ".num_samples", samples, UsageRefusal.NOT_MODEL));
        return new RumPayload.Measurement(tag, start, end, count, Math.max(0, n));
    }

    private JsonNode tree(ObjectMapper mapper, byte[] json) throws RumReportException {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new RumReportException(UsageRefusal.NOT_JSON, "Empty JSON");
            }
            return node;
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    private static RumReportException notJson(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return new RumReportException(UsageRefusal.NOT_JSON, "JSON beyond the allowed bounds: " + firstLine(e.getMessage()));
        }
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new RumReportException(UsageRefusal.NOT_JSON, "Not JSON: " + firstLine(message));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static JsonNode require(JsonNode parent, String field, String path) throws RumReportException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, path + "." + field + ": missing");
        }
        return n;
    }

    private static JsonNode object(JsonNode parent, String field, boolean required) throws RumReportException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new RumReportException(UsageRefusal.NOT_MODEL, field + ": missing");
            }
            return null;
        }
        if (!n.isObject()) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, field + ": must be an object");
        }
        return n;
    }

    private static String text(JsonNode parent, String field, boolean required, String path) throws RumReportException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new RumReportException(UsageRefusal.NOT_MODEL, path + ": missing");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, path + ": must be a string");
        }
        return n.textValue();
    }

    /** An integer given as a JSON integer or as a string of digits (devices write counts as strings). */
    private static long integer(String path, JsonNode n, UsageRefusal refusal) throws RumReportException {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isTextual()) {
            String s = n.textValue().strip();
            if (s.matches("-?[0-9]{1,18}")) {
                return Long.parseLong(s);
            }
        }
        throw new RumReportException(refusal, path + ": not an integer");
    }

    private static DeviceId sudi(String path, JsonNode sudi) throws RumReportException {
        if (sudi == null || !sudi.isObject()) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, path + ": missing");
        }
        String pid = text(sudi, "udi_pid", true, path + ".udi_pid");
        String serial = text(sudi, "udi_serial_number", true, path + ".udi_serial_number");
        if (pid.isBlank() || serial.isBlank() || pid.length() > 256 || serial.length() > 256) {
            throw new RumReportException(UsageRefusal.NOT_MODEL, path + ": PID and serial number of 1 to 256 characters");
        }
        return new DeviceId(pid, serial);
    }
}
