package io.licensesatellite.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensesatellite.admin.AuditEvent;
import io.licensesatellite.admin.AuditLog;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.PageOf;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who did what, when, from where, with what result")
public class AuditResource {
    static final int EXPORT_BATCH = 500;
    private static final List<String> OUTCOMES = List.of("success", "denied", "failure");

    private final AuditLog log;
    private final ObjectMapper json;

    public AuditResource(AuditLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    public record AuditEntry(long id, Instant occurredAt, String actor, String sourceAddress, String action, String target,
                             String outcome, int status, JsonNode before, JsonNode after) {}

    @GET
    @Requires(Permission.AUDIT_READ)
    @Operation(summary = "Search the audit log; sort=occurredAt or -occurredAt (default newest first)")
    public PageOf<AuditEntry> search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                     @QueryParam("outcome") String outcome, @QueryParam("from") String from,
                                     @QueryParam("to") String to, @QueryParam("q") String q,
                                     @QueryParam("sort") @DefaultValue("-occurredAt") String sort,
                                     @QueryParam("page") @DefaultValue("0") int page,
                                     @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        AuditLog.Filter filter = filter(actor, action, outcome, from, to, q);
        boolean newestFirst = newestFirst(sort);
        List<AuditEntry> items = log.search(filter, newestFirst, page, size).stream().map(this::entry).toList();
        return new PageOf<>(items, page, size, log.count(filter));
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    @Requires(Permission.AUDIT_READ)
    @Operation(summary = "The audit entries matching the same filters as CSV (RFC 4180), oldest first")
    public Response export(@QueryParam("actor") String actor, @QueryParam("action") String action,
                           @QueryParam("outcome") String outcome, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("q") String q,
                           @QueryParam("sort") @DefaultValue("occurredAt") String sort) {
        AuditLog.Filter filter = filter(actor, action, outcome, from, to, q);
        boolean newestFirst = newestFirst(sort);
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write("id,occurredAt,actor,sourceAddress,action,target,outcome,status,before,after\r\n");
            for (int page = 0; ; page++) {
                List<AuditEvent> batch = log.search(filter, newestFirst, page, EXPORT_BATCH);
                for (AuditEvent e : batch) {
                    row(writer, String.valueOf(e.id), String.valueOf(e.occurredAt), e.actor, e.sourceAddress, e.action,
                            e.target, e.result, String.valueOf(e.status), e.beforeState, e.afterState);
                }
                writer.flush();
                if (batch.size() < EXPORT_BATCH) {
                    break;
                }
            }
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit.csv\"").build();
    }

    private static void row(Writer writer, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(csvCell(cells[i]));
        }
        writer.write("\r\n");
    }

    /**
     * RFC 4180 quoting, and a leading quote on a cell a spreadsheet would take for a formula (= + - @, tab, CR), so
     * an actor or target an attacker chose cannot run in the reader's spreadsheet.
     */
    static String csvCell(String value) {
        if (value == null) {
            return "";
        }
        String cell = value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
            cell = "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private AuditEntry entry(AuditEvent e) {
        return new AuditEntry(e.id, e.occurredAt, e.actor, e.sourceAddress, e.action, e.target, e.result, e.status,
                tree(e.beforeState), tree(e.afterState));
    }

    private JsonNode tree(String state) {
        if (state == null) {
            return null;
        }
        try {
            return json.readTree(state);
        } catch (IOException truncated) {
            return json.getNodeFactory().textNode(state);
        }
    }

    private static AuditLog.Filter filter(String actor, String action, String outcome, String from, String to, String q) {
        String o = blank(outcome);
        if (o != null && !OUTCOMES.contains(o.toLowerCase(Locale.ROOT))) {
            throw SatelliteException.invalid("outcome", "one of " + OUTCOMES);
        }
        return new AuditLog.Filter(blank(actor), blank(action), o, instant("from", from), instant("to", to), blank(q));
    }

    private static boolean newestFirst(String sort) {
        return switch (sort) {
            case "-occurredAt" -> true;
            case "occurredAt" -> false;
            default -> throw SatelliteException.invalid("sort", "occurredAt or -occurredAt");
        };
    }

    private static Instant instant(String field, String value) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw SatelliteException.invalid(field, "an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
