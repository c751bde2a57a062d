package io.licensesatellite.admin.api;

import io.licensesatellite.admin.AdminAccounts;
import io.licensesatellite.admin.AdminAccounts.NewUser;
import io.licensesatellite.admin.AdminAccounts.PasswordReset;
import io.licensesatellite.admin.AdminAccounts.UserUpdate;
import io.licensesatellite.admin.AdminAccounts.UserView;
import io.licensesatellite.platform.api.Bodies;
import io.licensesatellite.platform.api.PageOf;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Console users and their roles")
public class UsersResource {
    private final AdminAccounts accounts;

    public UsersResource(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    @GET
    @Requires(Permission.USERS_WRITE)
    @Operation(summary = "List users, by username")
    public PageOf<UserView> list(@QueryParam("page") @DefaultValue("0") int page,
                                 @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return new PageOf<>(accounts.list(page, size), page, size, accounts.count());
    }

    @POST
    @Requires(Permission.USERS_WRITE)
    @Operation(summary = "Create a user with a temporary password it must change at its first login")
    public Response create(NewUser body) {
        return Response.status(Response.Status.CREATED).entity(accounts.create(Bodies.required(body))).build();
    }

    @PUT
    @Path("/{username}")
    @Requires(Permission.USERS_WRITE)
    @Operation(summary = "Change a user's role, enabled state and Virtual Accounts; a change of access ends its sessions")
    public UserView update(@PathParam("username") String username, UserUpdate body) {
        return accounts.update(username, Bodies.required(body));
    }

    @POST
    @Path("/{username}/password")
    @Requires(Permission.USERS_WRITE)
    @Operation(summary = "Set a temporary password the user must change; its sessions end")
    public UserView resetPassword(@PathParam("username") String username, PasswordReset body) {
        return accounts.resetPassword(username, Bodies.required(body).temporaryPassword());
    }

    @DELETE
    @Path("/{username}")
    @Requires(Permission.USERS_WRITE)
    @Operation(summary = "Delete a user; its sessions end at once")
    public Response delete(@PathParam("username") String username) {
        accounts.delete(username);
        return Response.noContent().build();
    }
}
