package io.licensesatellite.agent.slp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The device's push transport to {@code license smart url cslu <url>}: Usage Reporting and Result Polling in the
 * satellite's JSON bodies (docs/protocol-divergences.md). One HTTP client, kept alive, per simulator process.
 */
public final class SlpPushClient {
    private final HttpClient http;
    private final URI url;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public SlpPushClient(URI url, SSLContext tls, Clock clock) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(15));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
        this.url = url;
        this.clock = clock;
    }

    /** The answer to a push. */
    public record PushResult(String status, long pollId, long pollInterval, JsonNode body) {}

    /** The answer to a poll: COMPLETE carries the ACKs' bytes, in the order the satellite listed them. */
    public record PollResult(String status, List<byte[]> acks, JsonNode body) {
        /** The first ACK, or null. */
        public byte[] ack() {
            return acks.isEmpty() ? null : acks.get(0);
        }
    }

    /** Pushes the device's unacknowledged reports. */
    public PushResult push(SlpDevice device) throws IOException, InterruptedException {
        List<RumReport> reports = device.unacknowledged();
        StringBuilder body = new StringBuilder("{\"data\":{\"timestamp\":").append(clock.millis())
                .append(",\"nonce\":\"").append(Long.toHexString(System.nanoTime())).append("\",\"reports\":[{\"sudi\":")
                .append(device.identity().sudiJson()).append(",\"hostname\":").append(RumJson.quote(device.identity().hostname()))
                .append(",\"usage\":[");
        for (int i = 0; i < reports.size(); i++) {
            body.append(i == 0 ? "" : ",").append(reports.get(i).wrapperJson());
        }
        body.append("]}]}}");
        JsonNode reply = post(body.toString());
        device.pushed();
        return new PushResult(reply.path("status").asText(), reply.path("poll_id").asLong(-1),
                reply.path("poll_interval").asLong(0), reply);
    }

    /** Polls once; on COMPLETE applies each ACK to the device, in order. */
    public PollResult poll(SlpDevice device, long pollId) throws IOException, InterruptedException {
        String body = "{\"data\":{\"timestamp\":" + clock.millis() + ",\"nonce\":\"" + Long.toHexString(System.nanoTime())
                + "\",\"poll_id\":" + pollId + ",\"action\":\"acknowledgements\",\"sudi\":" + device.identity().sudiJson() + "}}";
        JsonNode reply = post(body);
        String status = reply.path("status").asText();
        if ("COMPLETE".equals(status)) {
            List<byte[]> acks = new ArrayList<>();
            for (JsonNode ack : reply.path("data").path("acknowledgements")) {
                byte[] bytes = Base64.getDecoder().decode(ack.path("smart_license").asText());
                device.acknowledge(bytes);
                acks.add(bytes);
            }
            return new PollResult(status, acks, reply);
        }
        return new PollResult(status, List.of(), reply);
    }

    /** Polls until COMPLETE or the attempts run out, waiting {@code every} between polls. */
    public PollResult pollUntilAcknowledged(SlpDevice device, long pollId, Duration every, int attempts)
            throws IOException, InterruptedException {
        PollResult last = null;
        for (int i = 0; i < attempts; i++) {
            last = poll(device, pollId);
            if (!"OK_POLL".equals(last.status())) {
                return last;
            }
            Thread.sleep(every.toMillis());
        }
        return last;
    }

    public JsonNode hello() throws IOException, InterruptedException {
        return post("{\"data\":{\"timestamp\":" + clock.millis() + ",\"hello\":true}}");
    }

    private JsonNode post(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode reply = mapper.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IOException("The satellite answered HTTP " + response.statusCode() + ": " + reply.path("detail").asText());
        }
        return reply;
    }
}
