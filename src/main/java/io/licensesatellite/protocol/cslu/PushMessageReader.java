package io.licensesatellite.protocol.cslu;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensesatellite.usage.AuthorizationRequests;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.RumInput;
import io.licensesatellite.usage.RumReader;
import io.licensesatellite.usage.RumReportException;
import io.licensesatellite.usage.UsageRefusal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a push body: {@code {"data":{...}}}, the message kind told by the members of {@code data} (see
 * docs/protocol-divergences.md). Streams through the body within the door's size (a device cut off for weeks sends a
 * backlog of reports at once) and the usage reader's other bounds, cuts each wrapper from the received bytes so its
 * signature stays exact, and reads each wrapper within the one-report bounds. A wrapper that cannot be read is handed
 * on as unreadable (refused in its place); a body that cannot be read at all is malformed.
 */
final class PushMessageReader {
    static final int MAX_DEVICES = 1000;
    static final int MAX_REPORTS = 5000;
    static final int MAX_LICENSES = 100;

    private final RumReader reader;
    private final JsonFactory envelope;
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param maxBodyBytes the door's bound on a whole push; each report in it keeps the reader's own bound */
    PushMessageReader(RumReader reader, int maxBodyBytes) {
        this.reader = reader;
        this.envelope = reader.envelopeFactory(maxBodyBytes);
    }

    PushMessage read(byte[] body) throws MalformedPushException {
        if (body.length == 0) {
            return new PushMessage.Hello();
        }
        try (JsonParser p = envelope.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the body");
            PushMessage message = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("data".equals(name)) {
                    expect(value, JsonToken.START_OBJECT, "data");
                    message = data(body, p);
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new MalformedPushException("text follows the JSON object");
            }
            return message == null ? new PushMessage.Hello() : message;
        } catch (StreamConstraintsException e) {
            throw new MalformedPushException("JSON beyond the allowed bounds: " + firstLine(e.getOriginalMessage()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedPushException("not JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MalformedPushException("not JSON: " + firstLine(e.getMessage()));
        }
    }

    private PushMessage data(byte[] body, JsonParser p) throws IOException, MalformedPushException {
        List<PushMessage.DeviceReports> reports = null;
        Long pollId = null;
        DeviceId sudi = null;
        List<AuthorizationRequests.NewRequest> licenses = null;
        boolean trust = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "reports" -> reports = reports(body, p);
                case "poll_id" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_STRING) {
                        throw new MalformedPushException("data.poll_id: an integer is expected");
                    }
                    try {
                        pollId = Long.parseLong(p.getText().strip());
                    } catch (NumberFormatException e) {
                        throw new MalformedPushException("data.poll_id: an integer is expected");
                    }
                }
                case "sudi" -> sudi = sudi(mapper.readTree(p), "data.sudi");
                case "licenses" -> licenses = licenses(body, p);
                case "trust_requests", "trust_request" -> {
                    trust = true;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        if (reports != null) {
            return new PushMessage.UsageReporting(reports);
        }
        if (pollId != null) {
            if (sudi == null) {
                throw new MalformedPushException("data.sudi: the polling device is required");
            }
            return new PushMessage.ResultPolling(pollId, sudi);
        }
        if (licenses != null) {
            return new PushMessage.AuthorizationRequest(licenses);
        }
        return trust ? new PushMessage.TrustEstablishment() : new PushMessage.Hello();
    }

    private List<PushMessage.DeviceReports> reports(byte[] body, JsonParser p) throws IOException, MalformedPushException {
        expect(p.currentToken(), JsonToken.START_ARRAY, "data.reports");
        List<PushMessage.DeviceReports> out = new ArrayList<>();
        int total = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = "data.reports[" + out.size() + "]";
            expect(p.currentToken(), JsonToken.START_OBJECT, path);
            if (out.size() == MAX_DEVICES) {
                throw new MalformedPushException("data.reports: more than " + MAX_DEVICES + " devices in one push");
            }
            DeviceId sudi = null;
            String hostname = null;
            List<RumInput> usage = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "sudi" -> sudi = sudi(mapper.readTree(p), path + ".sudi");
                    case "hostname" -> hostname = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "usage" -> {
                        expect(value, JsonToken.START_ARRAY, path + ".usage");
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (++total > MAX_REPORTS) {
                                throw new MalformedPushException("data.reports: more than " + MAX_REPORTS + " reports in one push");
                            }
                            usage.add(wrapper(body, p));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            out.add(new PushMessage.DeviceReports(sudi, hostname, usage));
        }
        return out;
    }

    /** Cuts the wrapper object from the body and reads it on its own, so a bad wrapper never derails the rest. */
    private RumInput wrapper(byte[] body, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new RumInput.Unreadable(UsageRefusal.NOT_MODEL, "A RUM report is a JSON object");
        }
        int from = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int to = (int) p.currentTokenLocation().getByteOffset() + 1;
        try {
            return RumInput.of(reader.wrapper(java.util.Arrays.copyOfRange(body, from, to)));
        } catch (RumReportException e) {
            return new RumInput.Unreadable(e.refusal(), e.getMessage());
        }
    }

    private List<AuthorizationRequests.NewRequest> licenses(byte[] body, JsonParser p) throws IOException, MalformedPushException {
        expect(p.currentToken(), JsonToken.START_ARRAY, "data.licenses");
        List<AuthorizationRequests.NewRequest> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = "data.licenses[" + out.size() + "]";
            expect(p.currentToken(), JsonToken.START_OBJECT, path);
            if (out.size() == MAX_LICENSES) {
                throw new MalformedPushException("data.licenses: more than " + MAX_LICENSES);
            }
            int from = (int) p.currentTokenLocation().getByteOffset();
            JsonNode entry = mapper.readTree(p);
            int to = (int) p.currentTokenLocation().getByteOffset() + 1;
            String raw = new String(body, from, to - from, StandardCharsets.UTF_8);
            out.add(SlacRequests.request(path, entry, raw));
        }
        return out;
    }

    static DeviceId sudi(JsonNode node, String path) throws MalformedPushException {
        if (node == null || !node.isObject()) {
            throw new MalformedPushException(path + ": an object with udi_pid and udi_serial_number is expected");
        }
        JsonNode pid = node.get("udi_pid");
        JsonNode serial = node.get("udi_serial_number");
        if (pid == null || !pid.isTextual() || serial == null || !serial.isTextual()
                || pid.textValue().isBlank() || serial.textValue().isBlank()
                || pid.textValue().length() > 256 || serial.textValue().length() > 256) {
            throw new MalformedPushException(path + ": udi_pid and udi_serial_number of 1 to 256 characters are expected");
        }
        return new DeviceId(pid.textValue(), serial.textValue());
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) throws MalformedPushException {
        if (actual != expected) {
            throw new MalformedPushException(what + ": " + (expected == JsonToken.START_OBJECT ? "an object" : "an array") + " is expected");
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
