package io.licensesatellite.admin.api;

import io.licensesatellite.admin.ApiClients;
import io.licensesatellite.admin.ApiClients.ApiClientView;
import io.licensesatellite.admin.ApiClients.CreatedApiClient;
import io.licensesatellite.admin.ApiClients.NewApiClient;
import io.licensesatellite.platform.AuditDetails;
import io.licensesatellite.platform.api.Bodies;
import io.licensesatellite.platform.api.PageOf;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/api-clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API clients", description = "Bearer tokens for automation")
public class ApiClientsResource {
    private final ApiClients clients;
    private final AuditDetails audit;

    public ApiClientsResource(ApiClients clients, AuditDetails audit) {
        this.clients = clients;
        this.audit = audit;
    }

    @POST
    @Requires(Permission.USERS_WRITE)
    @Operation(summary = "Create an API client; its bearer token is in this response only")
    public Response create(NewApiClient body, @Context ContainerRequestContext request) {
        CreatedApiClient created = clients.create(Bodies.required(body),
                String.valueOf(request.getProperty(AdminRequestFilters.ACTOR)));
        audit.describe("api-client.create", "api-client:" + created.name(), null,
                ApiClients.auditView(clients.view(created.id())));
        return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store").entity(created).build();
    }

    @GET
    @Requires(Permission.USERS_WRITE)
    @Operation(summary = "List API clients, newest first (never their tokens)")
    public PageOf<ApiClientView> list(@QueryParam("page") @DefaultValue("0") int page,
                                      @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return new PageOf<>(clients.list(page, size), page, size, clients.count());
    }

    @DELETE
    @Path("/{id}")
    @Requires(Permission.USERS_WRITE)
    @Operation(summary = "Revoke an API client: its token is refused from the next request on")
    public Response revoke(@PathParam("id") String id) {
        ApiClientView before = clients.view(id);
        ApiClientView after = clients.revoke(id);
        audit.describe("api-client.revoke", "api-client:" + after.name(), ApiClients.auditView(before), ApiClients.auditView(after));
        return Response.noContent().build();
    }
}
