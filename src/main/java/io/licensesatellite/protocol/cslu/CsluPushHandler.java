package io.licensesatellite.protocol.cslu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.protocol.smartagent.DoorReply;
import io.licensesatellite.usage.AckFile;
import io.licensesatellite.usage.AuthorizationRequests;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.IngestOutcome;
import io.licensesatellite.usage.IngestSource;
import io.licensesatellite.usage.UsageAcknowledgements.PollState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The push door's handler, independent of the HTTP server: reads and bounds the body, calls the usage services
 * through {@link CsluUsage}, renders the reply. The bodies are ours (the real ones are not public); see
 * docs/protocol-divergences.md.
 */
public final class CsluPushHandler {
    static final String JSON = "application/json";
    static final String TRUST_REFUSAL = "Trust establishment is not available here: this satellite cannot issue the vendor's"
            + " trust codes. Usage reports need no trust code on the satellite; install one from CSSM if the device's policy asks for it.";

    private final CsluUsage usage;
    private final PushMessageReader reader;
    private final int maxBodyBytes;
    private final Duration pollInterval;
    private final ObjectMapper mapper = new ObjectMapper();

    public CsluPushHandler(CsluUsage usage, int maxBodyBytes, Duration pollInterval) {
        this.usage = usage;
        this.reader = new PushMessageReader(usage.reader(), maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
        this.pollInterval = pollInterval;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * @param tenant the URL-decoded first path segment after {@code /cslu/v1/pi/}, or null
     * @param peer   the remote address, for the record
     */
    public DoorReply handle(String tenant, String contentType, byte[] body, String peer) {
        if (body.length > maxBodyBytes) {
            return problem(ErrorKind.TOO_LARGE, "The body is larger than the " + maxBodyBytes + " bytes accepted.");
        }
        if (body.length > 0 && contentType != null && !isJson(contentType)) {
            return problem(ErrorKind.UNSUPPORTED_MEDIA, "Push messages are JSON (application/json).");
        }
        PushMessage message;
        try {
            message = reader.read(body);
        } catch (MalformedPushException e) {
            return problem(ErrorKind.MALFORMED, e.getMessage());
        }
        if (message instanceof PushMessage.UsageReporting reporting) {
            return usage(tenant, reporting, peer);
        } else if (message instanceof PushMessage.ResultPolling polling) {
            return poll(polling);
        } else if (message instanceof PushMessage.AuthorizationRequest request) {
            return authorization(tenant, request, peer);
        } else if (message instanceof PushMessage.TrustEstablishment) {
            return ok(status("FAILED").put("message", TRUST_REFUSAL));
        }
        return ok(status("OK"));
    }

    private DoorReply usage(String tenant, PushMessage.UsageReporting reporting, String peer) {
        ObjectNode reply = mapper.createObjectNode();
        ArrayNode results = mapper.createArrayNode();
        long pollId = -1;
        int accepted = 0;
        String firstRefusal = null;
        for (PushMessage.DeviceReports device : reporting.reports()) {
            List<IngestOutcome> outcomes = usage.ingest(IngestSource.push(tenant, device.sudi(), device.hostname(), peer), device.usage());
            for (int i = 0; i < outcomes.size(); i++) {
                IngestOutcome o = outcomes.get(i);
                ObjectNode r = results.addObject();
                r.put("index", i);
                if (device.sudi() != null) {
                    r.set("sudi", sudi(device.sudi()));
                }
                if (o instanceof IngestOutcome.Stored s) {
                    r.put("report_id", s.reportId()).put("outcome", "STORED");
                    pollId = Math.max(pollId, s.id());
                    accepted++;
                } else if (o instanceof IngestOutcome.Duplicate d) {
                    r.put("report_id", d.reportId()).put("outcome", "DUPLICATE");
                    pollId = Math.max(pollId, d.id());
                    accepted++;
                } else {
                    IngestOutcome.Refused refused = (IngestOutcome.Refused) o;
                    r.put("outcome", "REFUSED").put("reason", refused.reason().slug()).put("detail", refused.detail());
                    if (firstRefusal == null) {
                        firstRefusal = refused.reason().slug() + ": " + refused.detail();
                    }
                }
            }
        }
        if (accepted == 0) {
            reply.put("status", "FAILED").put("message", firstRefusal == null ? "The push carried no usage report." : firstRefusal);
        } else {
            reply.put("status", "OK_POLL").put("poll_id", pollId).put("poll_interval", pollInterval.toSeconds())
                    .put("action", "acknowledgements");
        }
        reply.set("results", results);
        return ok(reply);
    }

    private DoorReply poll(PushMessage.ResultPolling polling) {
        PollState state = usage.poll(polling.pollId(), polling.sudi());
        if (state instanceof PollState.Unknown) {
            return ok(status("FAILED").put("message", "Poll id " + polling.pollId() + " is not known for this device."));
        }
        if (state instanceof PollState.Waiting) {
            return ok(status("OK_POLL").put("poll_id", polling.pollId()).put("poll_interval", pollInterval.toSeconds()));
        }
        List<AckFile> acks = ((PollState.Complete) state).acks();
        ObjectNode reply = status("COMPLETE");
        ObjectNode data = reply.putObject("data");
        // Every acknowledgement not delivered yet, oldest first: each acknowledges its own reports, and the device
        // stops polling once it has a COMPLETE answer, so one left out would wait for the device's next push.
        ArrayNode list = data.putArray("acknowledgements");
        for (AckFile ack : acks) {
            ObjectNode a = list.addObject();
            a.set("sudi", sudi(ack.device()));
            if (ack.softwareTag() != null) {
                a.put("software_tag_identifier", ack.softwareTag());
            }
            a.put("smart_license", Base64.getEncoder().encodeToString(ack.ackBytes()));
            if (ack.policyBytes() != null) {
                a.put("policy", Base64.getEncoder().encodeToString(ack.policyBytes()));
            }
        }
        ArrayNode authorizations = data.putArray("authorizations");
        List<AuthorizationRequests.RequestView> codes = usage.undeliveredCodes(polling.sudi());
        for (AuthorizationRequests.RequestView code : codes) {
            ObjectNode c = authorizations.addObject();
            c.set("sudi", sudi(code.device()));
            c.put("smart_license", Base64.getEncoder().encodeToString(code.code()));
            c.put("status", "SUCCESS");
            c.put("correlation_id", String.valueOf(code.id()));
        }
        usage.delivered(acks, codes);
        return ok(reply);
    }

    private DoorReply authorization(String tenant, PushMessage.AuthorizationRequest request, String peer) {
        Optional<List<Long>> ids = usage.recordAuthorizationRequests(tenant, request.requests(), peer);
        if (ids.isEmpty()) {
            return ok(status("FAILED").put("message", "No Virtual Account is named '" + tenant + "'"));
        }
        ObjectNode reply = status("OK");
        ArrayNode list = reply.putArray("request_ids");
        ids.get().forEach(list::add);
        reply.put("message", "Stored; the authorisation codes come back with a later result poll once the upstream answers.");
        return ok(reply);
    }

    private ObjectNode sudi(DeviceId id) {
        ObjectNode n = mapper.createObjectNode();
        n.put("udi_pid", id.pid());
        n.put("udi_serial_number", id.serialNumber());
        return n;
    }

    private ObjectNode status(String status) {
        ObjectNode n = mapper.createObjectNode();
        n.put("status", status);
        return n;
    }

    private DoorReply ok(ObjectNode body) {
        try {
            return new DoorReply(200, JSON, mapper.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A reply could not be written", e);
        }
    }

    static DoorReply problem(ErrorKind kind, String detail) {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("type", kind.typeUri());
        body.put("title", kind.title());
        body.put("status", kind.status());
        body.put("detail", detail);
        return new DoorReply(kind.status(), "application/problem+json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/json") || type.startsWith("application/yang-data+json") || type.startsWith("text/json");
    }
}
