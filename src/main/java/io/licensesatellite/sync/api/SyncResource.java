package io.licensesatellite.sync.api;

import io.licensesatellite.admin.api.AdminRequestFilters;
import io.licensesatellite.platform.PageRequest;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.PageOf;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import io.licensesatellite.sync.ManualSync;
import io.licensesatellite.sync.OnlineSync;
import io.licensesatellite.sync.SatelliteRegistration;
import io.licensesatellite.sync.SyncHistoryEntry;
import io.licensesatellite.sync.SyncOverview;
import io.licensesatellite.sync.SyncRequestExport.ExportedRequest;
import io.licensesatellite.sync.SyncResponseImport.Imported;
import io.licensesatellite.sync.SyncSettings;
import io.licensesatellite.sync.file.SyncType;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Synchronisation", description = "Registration with the upstream, sync files, online sync, history, alerts")
public class SyncResource {
    static final String YAML = "application/yaml";
    /** Severities an alert may carry (the upstream's use the same two). */
    static final List<String> SEVERITIES = List.of("CRITICAL", "WARNING");

    private final SatelliteRegistration registration;
    private final ManualSync manual;
    private final OnlineSync online;
    private final SyncOverview overview;
    private final SyncSettings settings;

    public SyncResource(SatelliteRegistration registration, ManualSync manual, OnlineSync online, SyncOverview overview,
                        SyncSettings settings) {
        this.registration = registration;
        this.manual = manual;
        this.online = online;
        this.overview = overview;
        this.settings = settings;
    }

    public record HistoryItem(long id, String channel, String operation, String type, Long requestSequence, String result,
                              String detail, Integer instancesSent, Integer eventsSent, Integer licensesReceived,
                              Integer licensesChanged, Instant startedAt, Instant finishedAt, String actor) {
        static HistoryItem of(SyncHistoryEntry e) {
            return new HistoryItem(e.id, e.channel.name(), e.operation.name(), e.type == null ? null : e.type.name(),
                    e.requestSequence, e.result.name(), e.detail, e.instancesSent, e.eventsSent, e.licensesReceived,
                    e.licensesChanged, e.startedAt, e.finishedAt, e.actor);
        }
    }

    @Requires(Permission.READ)
    @GET
    @Path("/sync")
    @Operation(summary = "Synchronisation overview: registration, last sync up and down, due date, settings, alerts")
    public SyncOverview.Status status() {
        return overview.status();
    }

    @Requires(Permission.READ)
    @GET
    @Path("/alerts")
    @Operation(summary = "Open alerts: sync due or overdue, certificates near expiry, online sync failing, the upstream's;"
            + " filter by severity (CRITICAL, WARNING) and code")
    public PageOf<SyncOverview.Alert> alerts(@QueryParam("severity") String severity, @QueryParam("code") String code,
                                             @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size, null, "raised", List.of("raised"));
        String wantedSeverity = severity == null || severity.isBlank() ? null : severity.trim().toUpperCase(Locale.ROOT);
        if (wantedSeverity != null && !SEVERITIES.contains(wantedSeverity)) {
            throw SatelliteException.invalid("severity", "must be one of " + String.join(", ", SEVERITIES));
        }
        String wantedCode = code == null || code.isBlank() ? null : code.trim().toUpperCase(Locale.ROOT);
        List<SyncOverview.Alert> matching = overview.alerts().stream()
                .filter(a -> wantedSeverity == null || wantedSeverity.equals(a.severity()))
                .filter(a -> wantedCode == null || wantedCode.equals(a.code())).toList();
        return new PageOf<>(request.slice(matching), request.page(), request.size(), matching.size());
    }

    @Requires(Permission.SETTINGS_WRITE)
    @GET
    @Path("/sync/registration-file")
    @Produces(YAML)
    @Operation(summary = "Download the satellite's registration file, to register it with the upstream")
    public Response registrationFile() {
        SatelliteRegistration.RegistrationDownload file = registration.registrationFile();
        return attachment(file.fileName(), file.content()).build();
    }

    @Requires(Permission.SETTINGS_WRITE)
    @POST
    @Path("/sync/authorization-file")
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Upload the upstream's authorization file: binds the satellite (harmless when repeated)")
    public SatelliteRegistration.Bound authorizationFile(byte[] body, @Context ContainerRequestContext request) {
        return registration.bind(required(body), actor(request));
    }

    @Requires(Permission.SYNC_RUN)
    @POST
    @Path("/sync/requests")
    @Produces(YAML)
    @Operation(summary = "Write a signed sync request file (standard: changes since the last acknowledged sync; full: everything)")
    public Response requestFile(@QueryParam("type") @DefaultValue("standard") String type,
                                @Context ContainerRequestContext request) {
        ExportedRequest file = manual.requestFile(type(type), actor(request));
        return attachment(file.fileName(), file.content())
                .header("X-Sync-Sequence", file.sequence())
                .header("X-Sync-Instances", file.instanceCount())
                .header("X-Sync-Events", file.eventCount())
                .build();
    }

    @Requires(Permission.SYNC_RUN)
    @POST
    @Path("/sync/responses")
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Import the upstream's sync response file: all of it in one transaction, or nothing")
    public Imported responseFile(byte[] body, @Context ContainerRequestContext request) {
        return manual.importResponse(required(body), actor(request));
    }

    @Requires(Permission.SYNC_RUN)
    @POST
    @Path("/sync/online")
    @Operation(summary = "Synchronise with the upstream over the network now")
    public OnlineSync.Synced syncNow(@QueryParam("type") @DefaultValue("standard") String type,
                                     @Context ContainerRequestContext request) {
        return online.run(type(type), actor(request));
    }

    @Requires(Permission.READ)
    @GET
    @Path("/sync/history")
    @Operation(summary = "Synchronisation history, newest first (sort startedAt or -startedAt)")
    public PageOf<HistoryItem> history(@QueryParam("page") String page, @QueryParam("size") String size,
                                       @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, "-startedAt", List.of("startedAt"));
        return new PageOf<>(overview.history(request).stream().map(HistoryItem::of).toList(), request.page(),
                request.size(), overview.historyCount());
    }

    @Requires(Permission.READ)
    @GET
    @Path("/sync/settings")
    public SyncSettings.SettingsView settings() {
        return settings.view();
    }

    @Requires(Permission.SETTINGS_WRITE)
    @PUT
    @Path("/sync/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the online sync schedule (off, daily, weekly, monthly or a cron expression), URL and proxy")
    public SyncSettings.SettingsView updateSettings(SyncSettings.SettingsUpdate body) {
        return settings.update(body);
    }

    private static SyncType type(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "standard" -> SyncType.STANDARD;
            case "full" -> SyncType.FULL;
            default -> throw SatelliteException.invalid("type", "must be standard or full");
        };
    }

    private static byte[] required(byte[] body) {
        if (body == null || body.length == 0) {
            throw SatelliteException.invalid("body", "the file is empty");
        }
        return body;
    }

    private static String actor(ContainerRequestContext request) {
        return String.valueOf(request.getProperty(AdminRequestFilters.ACTOR));
    }

    private static Response.ResponseBuilder attachment(String fileName, byte[] content) {
        return Response.ok(content, YAML)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("Cache-Control", "no-store");
    }
}
