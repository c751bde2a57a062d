package io.licensesatellite.protocol.devicepull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the answer of {@code GET /smartlic-service/all-reports}: an object whose {@code usage} array holds the
 * report wrappers ({@code payload}, {@code header}, {@code signature}). Each wrapper is cut out of the answer's
 * bytes as it is, never re-serialised: the payload must reach the upstream byte-exact or its signature fails.
 */
final class AllReportsJson {
    /** Real wrappers nest four or five levels; anything deeper is not a report. */
    private static final int MAX_DEPTH = 32;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private AllReportsJson() {}

    /** @throws MalformedAnswer when the body is not such an object, with what is wrong */
    static List<byte[]> wrappers(byte[] body) throws MalformedAnswer {
        List<byte[]> wrappers = new ArrayList<>();
        boolean usageSeen = false;
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedAnswer("the answer is not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"usage".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                usageSeen = true;
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new MalformedAnswer("'usage' is not an array");
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() != JsonToken.START_OBJECT) {
                        throw new MalformedAnswer("report " + (wrappers.size() + 1) + " in 'usage' is not an object");
                    }
                    int start = (int) parser.getTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int end = (int) parser.getCurrentLocation().getByteOffset();
                    byte[] wrapper = Arrays.copyOfRange(body, start, end);
                    check(wrapper, wrappers.size() + 1);
                    wrappers.add(wrapper);
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedAnswer("the answer does not end after its JSON object");
            }
        } catch (IOException e) {
            throw new MalformedAnswer("the answer is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!usageSeen) {
            throw new MalformedAnswer("the answer has no 'usage' array");
        }
        return wrappers;
    }

    private static void check(byte[] wrapper, int number) throws MalformedAnswer, IOException {
        JsonNode node = MAPPER.readTree(wrapper);
        if (!node.path("payload").isTextual()) {
            throw new MalformedAnswer("report " + number + " has no 'payload' string");
        }
        if (!node.path("signature").isObject()) {
            throw new MalformedAnswer("report " + number + " has no 'signature' object");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static final class MalformedAnswer extends Exception {
        MalformedAnswer(String message) {
            super(message);
        }
    }
}
