package io.licensesatellite.sync.api;

import io.licensesatellite.admin.api.AdminRequestFilters;
import io.licensesatellite.platform.Alert;
import io.licensesatellite.platform.AlertSource;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.sync.ManualSync;
import io.licensesatellite.sync.OnlineSync;
import io.licensesatellite.sync.SatelliteRegistration;
import io.licensesatellite.sync.SyncHistoryEntry;
import io.licensesatellite.sync.SyncOverview;
import io.licensesatellite.sync.SyncRequestExport.ExportedRequest;
import io.licensesatellite.sync.SyncResponseImport.Imported;
import io.licensesatellite.sync.SyncSettings;
import io.licensesatellite.sync.file.SyncType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Synchronisation", description = "Registration with the upstream, sync files, online sync, history, alerts")
public class SyncResource {
    static final String YAML = "application/yaml";
    private static final int MAX_PAGE_SIZE = 500;

    private final SatelliteRegistration registration;
    private final ManualSync manual;
    private final OnlineSync online;
    private final SyncOverview overview;
    private final SyncSettings settings;
    private final Instance<AlertSource> alertSources;

    public SyncResource(SatelliteRegistration registration, ManualSync manual, OnlineSync online, SyncOverview overview,
                        SyncSettings settings, @Any Instance<AlertSource> alertSources) {
        this.registration = registration;
        this.manual = manual;
        this.online = online;
        this.overview = overview;
        this.settings = settings;
        this.alertSources = alertSources;
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

    public record HistoryPage(List<HistoryItem> items, int page, int size, long total) {}

    @GET
    @Path("/sync")
    @Operation(summary = "Synchronisation overview: registration, last sync up and down, due date, settings, alerts")
    public SyncOverview.Status status() {
        return overview.status();
    }

    @GET
    @Path("/alerts")
    @Operation(summary = "Open alerts of every feature: sync due or overdue, certificates near expiry, online sync failing,"
            + " the upstream's, usage reporting deadlines, devices whose usage pull keeps failing")
    public List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (AlertSource source : alertSources) {
            alerts.addAll(source.openAlerts());
        }
        return alerts;
    }

    @GET
    @Path("/sync/registration-file")
    @Produces(YAML)
    @Operation(summary = "Download the satellite's registration file, to register it with the upstream")
    public Response registrationFile() {
        SatelliteRegistration.RegistrationDownload file = registration.registrationFile();
        return attachment(file.fileName(), file.content()).build();
    }

    @POST
    @Path("/sync/authorization-file")
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Upload the upstream's authorization file: binds the satellite (harmless when repeated)")
    public SatelliteRegistration.Bound authorizationFile(byte[] body, @Context ContainerRequestContext request) {
        return registration.bind(required(body), actor(request));
    }

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

    @POST
    @Path("/sync/responses")
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Import the upstream's sync response file: all of it in one transaction, or nothing")
    public Imported responseFile(byte[] body, @Context ContainerRequestContext request) {
        return manual.importResponse(required(body), actor(request));
    }

    @POST
    @Path("/sync/online")
    @Operation(summary = "Synchronise with the upstream over the network now")
    public OnlineSync.Synced syncNow(@QueryParam("type") @DefaultValue("standard") String type,
                                     @Context ContainerRequestContext request) {
        return online.run(type(type), actor(request));
    }

    @GET
    @Path("/sync/history")
    @Operation(summary = "Synchronisation history, newest first")
    public HistoryPage history(@QueryParam("page") @DefaultValue("0") int page,
                               @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0) {
            throw SatelliteException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw SatelliteException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return new HistoryPage(overview.history(page, size).stream().map(HistoryItem::of).toList(), page, size,
                overview.historyCount());
    }

    @GET
    @Path("/sync/settings")
    public SyncSettings.SettingsView settings() {
        return settings.view();
    }

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
