package io.licensesatellite.usage.upstream.api;

import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import io.licensesatellite.usage.upstream.OfflineUsageBundles;
import io.licensesatellite.usage.upstream.OnlineUsageReporting;
import io.licensesatellite.usage.upstream.UsageUpstreamSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage upstream", description = "Usage reports up, acknowledgements and authorisation codes down: online and offline")
public class UsageUpstreamResource {
    static final String GZIP = "application/gzip";

    private final UsageUpstreamSettings settings;
    private final OnlineUsageReporting online;
    private final OfflineUsageBundles offline;

    public UsageUpstreamResource(UsageUpstreamSettings settings, OnlineUsageReporting online, OfflineUsageBundles offline) {
        this.settings = settings;
        this.online = online;
        this.offline = offline;
    }

    @GET
    @Path("/upstream-settings")
    @Requires(Permission.READ)
    @Operation(summary = "The usage upstream: token URL, API base URL, client id, Smart Account id (never the secret)")
    public UsageUpstreamSettings.SettingsView upstreamSettings() {
        return settings.view();
    }

    @PUT
    @Path("/upstream-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.SETTINGS_WRITE)
    @Operation(summary = "Set the usage upstream; the client secret is sealed and never shown again")
    public UsageUpstreamSettings.SettingsView updateUpstreamSettings(UsageUpstreamSettings.SettingsUpdate body) {
        return settings.update(body);
    }

    @GET
    @Path("/upstream")
    @Requires(Permission.READ)
    @Operation(summary = "Usage upstream status: last run, its result or error, retries, open polls")
    public OnlineUsageReporting.Status status() {
        return online.status();
    }

    @POST
    @Path("/upstream/report")
    @Requires(Permission.SYNC_RUN)
    @Operation(summary = "Send pending usage and authorisation requests now and collect what is ready")
    public OnlineUsageReporting.Outcome reportNow() {
        return online.run();
    }

    @POST
    @Path("/offline-bundle")
    @Produces({GZIP, MediaType.APPLICATION_JSON})
    @Requires(Permission.SYNC_RUN)
    @Operation(summary = "Download the pending usage as UD_SA_<ts>.tar.gz for the upstream portal (marks it sent)")
    public Response offlineBundle() {
        OfflineUsageBundles.Bundle bundle = offline.bundle();
        return Response.ok(bundle.content(), GZIP)
                .header("Content-Disposition", "attachment; filename=\"" + bundle.fileName() + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Usage-Reports", bundle.reports())
                .header("X-Usage-Authorization-Requests", bundle.authorizationRequests())
                .build();
    }

    @POST
    @Path("/offline-acks")
    @Consumes({GZIP, "application/x-gzip", "application/x-tar", MediaType.APPLICATION_OCTET_STREAM})
    @Requires(Permission.SYNC_RUN)
    @Operation(summary = "Upload the upstream's ACK_UD_SA_<ts>.tar.gz: every acknowledgement and code checked, all or nothing")
    public OfflineUsageBundles.AcksImported offlineAcks(byte[] body) {
        if (body == null || body.length == 0) {
            throw SatelliteException.invalid("body", "the file is empty");
        }
        return offline.importAcks(body);
    }
}
