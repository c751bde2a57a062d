package io.licensesatellite.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.licensesatellite.sync.file.slp.SlpDocuments;
import io.licensesatellite.sync.file.slp.Sudi;
import io.licensesatellite.upstream.SlpLedger.AckEntry;
import io.licensesatellite.upstream.SlpLedger.AuthEntry;
import io.licensesatellite.upstream.SlpUpstream.Acknowledged;
import io.licensesatellite.upstream.SlpUpstream.AuthRequest;
import io.licensesatellite.upstream.SlpUpstream.Authorized;
import io.licensesatellite.upstream.SlpUpstream.DeviceUsage;
import io.licensesatellite.upstream.SlpUpstream.Key;
import io.licensesatellite.upstream.SlpUpstream.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vendor-shaped REST side of the emulator (protocol-facts B5): {@code POST /as/token.oauth2} (client
 * credentials), and under {@value #API} {@code v2/devices/reportusage}, {@code v2/devices/authrequest} and
 * {@code v2/accounts/poll}, each with a bearer token of a client of the Smart Account named in
 * {@code X-CSW-SMART-ACCOUNT-ID}.
 */
final class SlpRoutes {
    static final String TOKEN_PATH = "/as/token.oauth2";
    static final String API = "/services/api/smart-accounts-and-licensing/";
    static final String REPORT_USAGE = API + "v2/devices/reportusage";
    static final String AUTH_REQUEST = API + "v2/devices/authrequest";
    static final String POLL = API + "v2/accounts/poll";
    /** A batch of reports is a few megabytes at most; the satellite sends bounded batches. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(SlpRoutes.class.getName());

    private final SlpUpstream slp;
    private final OAuthClients clients;
    private final java.util.function.Consumer<String> log;

    SlpRoutes(SlpUpstream slp, OAuthClients clients, java.util.function.Consumer<String> log) {
        this.slp = slp;
        this.clients = clients;
        this.log = log;
    }

    static boolean handles(String path) {
        return path.equals(TOKEN_PATH) || path.startsWith(API);
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            failed(exchange, 405, "use POST on " + path);
            return;
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            failed(exchange, 413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        if (path.equals(TOKEN_PATH)) {
            token(exchange, body);
            return;
        }
        OAuthClients.Token token;
        try {
            token = clients.check(exchange.getRequestHeaders().getFirst("Authorization"));
        } catch (OAuthClients.Refused e) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"" + e.error + "\"");
            ObjectNode answer = json().put("error", e.error).put("error_description", e.getMessage());
            send(exchange, 401, answer);
            return;
        }
        String smartAccount = exchange.getRequestHeaders().getFirst("X-CSW-SMART-ACCOUNT-ID");
        if (smartAccount == null || !smartAccount.equals(token.smartAccount())) {
            failed(exchange, 403, "X-CSW-SMART-ACCOUNT-ID must name the Smart Account of client '" + token.clientId()
                    + "' ('" + token.smartAccount() + "'), not " + (smartAccount == null ? "nothing" : "'" + smartAccount + "'"));
            return;
        }
        JsonNode request;
        try {
            request = SlpDocuments.JSON.readTree(body);
        } catch (IOException e) {
            failed(exchange, 400, "the body is not JSON");
            return;
        }
        if (request == null || !request.path("data").isObject()) {
            failed(exchange, 400, "the body must be {\"data\": {...}}");
            return;
        }
        JsonNode data = request.path("data");
        try {
            switch (path.substring(API.length())) {
                case "v2/devices/reportusage" -> reportUsage(exchange, smartAccount, data);
                case "v2/devices/authrequest" -> authRequest(exchange, smartAccount, data);
                case "v2/accounts/poll" -> poll(exchange, smartAccount, data);
                default -> failed(exchange, 404, "no resource at " + path);
            }
        } catch (SlpUpstream.Refused e) {
            failed(exchange, 400, e.getMessage());
        } catch (EmulatorException e) {
            if (e.kind() == EmulatorError.STATE_UNAVAILABLE) {
                LOG.log(System.Logger.Level.ERROR, "SLP request failed: " + e.getMessage(), e);
                failed(exchange, 500, "An internal error occurred; the emulator's output has the details");
            } else {
                failed(exchange, e.kind().httpStatus() == 503 ? 503 : 400, e.getMessage());
            }
        }
    }

    private void token(HttpExchange exchange, byte[] body) throws IOException {
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        try {
            OAuthClients.Token token = clients.issue(form.get("grant_type"), form.get("client_id"), form.get("client_secret"));
            log.accept("issued a token to client " + token.clientId());
            send(exchange, 200, json().put("access_token", token.accessToken()).put("token_type", "Bearer")
                    .put("expires_in", OAuthClients.TOKEN_SECONDS));
        } catch (OAuthClients.Refused e) {
            send(exchange, e.error.equals("invalid_client") ? 401 : 400,
                    json().put("error", e.error).put("error_description", e.getMessage()));
        }
    }

    private void reportUsage(HttpExchange exchange, String smartAccount, JsonNode data) throws IOException, SlpUpstream.Refused {
        String va = virtualAccount(exchange);
        List<DeviceUsage> devices = new ArrayList<>();
        for (JsonNode report : array(data, "reports")) {
            Sudi sudi = sudi(report.path("sudi"));
            List<Report> reports = new ArrayList<>();
            String tag = text(report, "software_tag_identifier");
            for (JsonNode usage : array(report, "usage")) {
                JsonNode payload = usage.path("payload");
                if (!payload.isTextual() || !usage.path("signature").isObject()) {
                    throw new SlpUpstream.Refused("each usage needs a payload (the device's JSON as a string) and a signature object");
                }
                reports.add(new Report(SlpUpstream.reportIdOf(payload.asText()), payload.asText(), usage.path("signature").toString()));
                if (tag == null) {
                    tag = text(usage.path("signature"), "key");
                }
            }
            devices.add(new DeviceUsage(sudi, text(report, "hostname"), tag, reports));
        }
        if (devices.isEmpty()) {
            throw new SlpUpstream.Refused("data.reports is empty");
        }
        List<Acknowledged> acks;
        try {
            acks = slp.acknowledge(smartAccount, va, devices, true, "api");
        } catch (SlpUpstream.Refused e) {
            log.accept("refused usage for " + smartAccount + " / " + va + ": " + e.getMessage());
            send(exchange, 200, json().put("status", "FAILED").put("message", e.getMessage()));
            return;
        }
        long pollId = slp.openPoll(smartAccount, va, "acknowledgements", acks, List.of());
        log.accept("received usage of " + devices.size() + " device(s) for " + smartAccount + " / " + va + ", poll " + pollId);
        send(exchange, 202, json().put("status", "OK_POLL").put("poll_id", pollId)
                .put("poll_interval", slp.options().pollIntervalSeconds()).put("action", "acknowledgements"));
    }

    private void authRequest(HttpExchange exchange, String smartAccount, JsonNode data) throws IOException, SlpUpstream.Refused {
        String va = virtualAccount(exchange);
        List<AuthRequest> requests = new ArrayList<>();
        for (JsonNode license : array(data, "licenses")) {
            List<Key> keys = new ArrayList<>();
            for (JsonNode key : array(license, "keys")) {
                String entitlement = text(key, "entitlement");
                if (entitlement == null || !key.path("count").canConvertToInt() || key.path("count").asInt() < 1) {
                    throw new SlpUpstream.Refused("each key needs an entitlement and a count of 1 or more");
                }
                keys.add(new Key(entitlement, key.path("count").asInt()));
            }
            requests.add(new AuthRequest(sudi(license.path("sudi")), text(license, "hostname"),
                    text(license, "correlation_id"), keys));
        }
        if (requests.isEmpty()) {
            throw new SlpUpstream.Refused("data.licenses is empty");
        }
        List<Authorized> answers = slp.authorize(smartAccount, va, requests, "api");
        long pollId = slp.openPoll(smartAccount, va, "authorizations", List.of(), answers);
        log.accept("received " + requests.size() + " authorisation request(s) for " + smartAccount + " / " + va + ", poll " + pollId);
        send(exchange, 202, json().put("status", "OK_POLL").put("poll_id", pollId)
                .put("poll_interval", slp.options().pollIntervalSeconds()).put("action", "authorizations"));
    }

    private void poll(HttpExchange exchange, String smartAccount, JsonNode data) throws IOException, SlpUpstream.Refused {
        if (!data.path("poll_id").canConvertToLong()) {
            throw new SlpUpstream.Refused("data.poll_id is required");
        }
        SlpUpstream.PollAnswer answer = slp.poll(smartAccount, data.path("poll_id").asLong());
        ObjectNode body = json().put("status", answer.status()).put("poll_id", answer.pollId())
                .put("poll_interval", answer.pollInterval()).put("action", answer.action());
        if (answer.status().equals("COMPLETE")) {
            ObjectNode out = body.putObject("data");
            ArrayNode acks = out.putArray("acknowledgements");
            for (AckEntry ack : answer.acknowledgements()) {
                ObjectNode node = acks.addObject();
                node.set("sudi", SlpDocuments.JSON.valueToTree(ack.sudi()));
                node.put("software_tag_identifier", ack.softwareTagIdentifier());
                node.put("smart_license", ack.smartLicense());
            }
            ArrayNode auths = out.putArray("authorizations");
            for (AuthEntry auth : answer.authorizations()) {
                ObjectNode node = auths.addObject();
                node.set("sudi", SlpDocuments.JSON.valueToTree(auth.sudi()));
                node.put("product_instance_identifier", auth.sudi().udi());
                node.put("correlation_id", auth.requestId());
                node.put("smart_license", auth.smartLicense());
                node.put("auth_status", auth.authStatus());
                node.put("error_code", auth.errorCode());
                node.put("status", auth.authStatus().equals("SUCCESS") ? "SUCCESS" : "FAILED");
                node.put("status_message", auth.statusMessage());
            }
        }
        send(exchange, 200, body);
    }

    private static String virtualAccount(HttpExchange exchange) throws SlpUpstream.Refused {
        String va = exchange.getRequestHeaders().getFirst("X-CSW-VIRTUAL-ACCOUNT-ID");
        if (va == null || va.isBlank()) {
            throw new SlpUpstream.Refused("X-CSW-VIRTUAL-ACCOUNT-ID is required");
        }
        String system = exchange.getRequestHeaders().getFirst("X-CSW-REQUESTING-SYSTEM");
        try {
            if (system == null || !SlpDocuments.JSON.readTree(system).path("udi_pid").isTextual()) {
                throw new SlpUpstream.Refused("X-CSW-REQUESTING-SYSTEM must be JSON naming the requesting system's udi_pid");
            }
        } catch (IOException e) {
            throw new SlpUpstream.Refused("X-CSW-REQUESTING-SYSTEM is not JSON");
        }
        return va;
    }

    private static Sudi sudi(JsonNode node) throws SlpUpstream.Refused {
        String pid = text(node, "udi_pid");
        String serial = text(node, "udi_serial_number");
        if (pid == null || serial == null) {
            throw new SlpUpstream.Refused("each entry needs a sudi with udi_pid and udi_serial_number");
        }
        return new Sudi(pid, serial);
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) throws SlpUpstream.Refused {
        JsonNode array = node.path(field);
        if (!array.isArray()) {
            throw new SlpUpstream.Refused(field + " must be an array");
        }
        return array;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static ObjectNode json() {
        return SlpDocuments.JSON.createObjectNode();
    }

    private static void failed(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, json().put("status", "FAILED").put("message", message));
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = SlpDocuments.JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
