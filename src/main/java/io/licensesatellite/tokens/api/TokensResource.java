package io.licensesatellite.tokens.api;

import io.licensesatellite.accounts.VirtualAccounts;
import io.licensesatellite.admin.api.AdminRequestFilters;
import io.licensesatellite.platform.PageRequest;
import io.licensesatellite.platform.api.Bodies;
import io.licensesatellite.platform.api.PageOf;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import jakarta.ws.rs.QueryParam;
import io.licensesatellite.tokens.RegistrationTokens;
import io.licensesatellite.tokens.TokenViews.CreatedToken;
import io.licensesatellite.tokens.TokenViews.NewToken;
import io.licensesatellite.tokens.TokenViews.TokenView;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens", description = "Registration tokens")
public class TokensResource {
    static final String DEFAULT_SORT = "-createdAt";

    private final RegistrationTokens tokens;
    private final VirtualAccounts accounts;

    public TokensResource(RegistrationTokens tokens, VirtualAccounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @Requires(Permission.TOKENS_WRITE)
    @POST
    @Path("/virtual-accounts/{id}/tokens")
    @Operation(summary = "Create a registration token; the token string is returned this once only")
    public Response create(@PathParam("id") long vaId, NewToken body, @Context ContainerRequestContext request) {
        accounts.get(vaId);
        CreatedToken created = tokens.create(vaId, Bodies.required(body), String.valueOf(request.getProperty(AdminRequestFilters.ACTOR)));
        return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store").entity(created).build();
    }

    @Requires(Permission.READ)
    @GET
    @Path("/virtual-accounts/{id}/tokens")
    @Operation(summary = "List a Virtual Account's tokens with uses left and status; paged and sorted as GET /tokens")
    public PageOf<TokenView> list(@PathParam("id") long vaId, @QueryParam("status") String status,
                                  @QueryParam("page") String page, @QueryParam("size") String size,
                                  @QueryParam("sort") String sort) {
        accounts.get(vaId);
        return tokens.page(vaId, status, PageRequest.of(page, size, sort, DEFAULT_SORT, RegistrationTokens.SORTS));
    }

    @GET
    @Path("/tokens")
    @Requires(Permission.READ)
    @Operation(summary = "Every registration token: filter by virtualAccountId and status (ACTIVE, EXPIRED, USED_UP,"
            + " REVOKED); sort by createdAt, expiresAt, usesLeft ('-' for descending; newest first by default)")
    public PageOf<TokenView> listAll(@QueryParam("virtualAccountId") Long vaId, @QueryParam("status") String status,
                                     @QueryParam("page") String page, @QueryParam("size") String size,
                                     @QueryParam("sort") String sort) {
        return tokens.page(vaId, status, PageRequest.of(page, size, sort, DEFAULT_SORT, RegistrationTokens.SORTS));
    }

    @Requires(Permission.READ)
    @GET
    @Path("/tokens/{id}")
    public TokenView get(@PathParam("id") long id) {
        return tokens.get(id);
    }

    @Requires(Permission.TOKENS_WRITE)
    @DELETE
    @Path("/tokens/{id}")
    @Operation(summary = "Revoke a token: it registers no further device; devices it registered stay")
    public TokenView revoke(@PathParam("id") long id) {
        return tokens.revoke(id);
    }
}
