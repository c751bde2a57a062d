package io.licensesatellite.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Writes audit entries: to the table in their own transaction (so a refused or failed call is recorded too), then,
 * once committed, to syslog when configured. States before and after are JSON with every field whose name says
 * secret (password, token, secret, hash, key) replaced by "[redacted]".
 */
@ApplicationScoped
public class AuditTrail {
    static final String REDACTED = "[redacted]";
    static final int MAX_STATE_CHARS = 8000;
    private static final Pattern SECRET_FIELD = Pattern.compile(".*(password|secret|token|hash|key|cookie|credential).*");
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final AuditLog log;
    private final SyslogForwarder syslog;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditTrail(AuditLog log, SyslogForwarder syslog, ObjectMapper json, Clock clock) {
        this.log = log;
        this.syslog = syslog;
        this.json = json.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.clock = clock;
    }

    public record Entry(String actor, String action, String target, String result, int status, String sourceAddress,
                        Object before, Object after) {}

    public void record(Entry entry) {
        AuditEvent event = new AuditEvent();
        event.actor = cut(entry.actor() == null ? "(unauthenticated)" : entry.actor(), 120);
        event.action = cut(entry.action(), 300);
        event.target = entry.target() == null ? null : cut(entry.target(), 300);
        event.result = entry.result();
        event.status = entry.status();
        event.sourceAddress = entry.sourceAddress() == null ? null : cut(entry.sourceAddress(), 64);
        event.occurredAt = clock.instant();
        event.beforeState = state(entry.before());
        event.afterState = state(entry.after());
        try {
            log.insert(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not write the audit entry for %s by %s", event.action, event.actor);
            return;
        }
        syslog.offer(event);
    }

    /** The JSON of a state with secrets redacted, or null. */
    String state(Object state) {
        if (state == null) {
            return null;
        }
        JsonNode tree = json.valueToTree(state);
        redact(tree);
        String text = tree.toString();
        return text.length() > MAX_STATE_CHARS ? text.substring(0, MAX_STATE_CHARS - 20) + "...(truncated)" : text;
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey().toLowerCase(Locale.ROOT);
                boolean flag = name.endsWith("set") || name.startsWith("has");
                if (SECRET_FIELD.matcher(name).matches() && !flag && !field.getValue().isNull()) {
                    field.setValue(TextNode.valueOf(REDACTED));
                } else {
                    redact(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(AuditTrail::redact);
        }
    }

    private static String cut(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
