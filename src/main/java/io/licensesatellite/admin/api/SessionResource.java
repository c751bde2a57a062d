package io.licensesatellite.admin.api;

import io.licensesatellite.admin.AdminAccounts;
import io.licensesatellite.admin.AdminUser;
import io.licensesatellite.admin.AdminUserRepository;
import io.licensesatellite.admin.Caller;
import io.licensesatellite.admin.Role;
import io.licensesatellite.admin.Sessions;
import io.licensesatellite.platform.AuditDetails;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.Bodies;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Session", description = "Console login, logout and own password")
public class SessionResource {
    private final AdminAccounts accounts;
    private final AdminUserRepository users;
    private final Sessions sessions;
    private final AuditDetails audit;

    public SessionResource(AdminAccounts accounts, AdminUserRepository users, Sessions sessions, AuditDetails audit) {
        this.accounts = accounts;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    public record LoginRequest(String username, String password) {}

    public record PasswordChange(String currentPassword, String newPassword) {}

    /** What the console knows about its user; the CSRF token goes with every change it sends. */
    public record SessionView(String username, Role role, List<Permission> permissions, boolean mustChangePassword,
                              String csrfToken, List<Long> virtualAccountIds, long idleTimeoutSeconds, Instant expiresAt) {}

    @POST
    @Anonymous
    @Operation(summary = "Log in: opens a session (HttpOnly cookie) and returns its CSRF token")
    public Response login(LoginRequest body, @Context HttpServerRequest http, @Context ContainerRequestContext request) {
        LoginRequest login = Bodies.required(body);
        String attempted = login.username() == null ? "" : login.username();
        request.setProperty(AdminRequestFilters.LOGIN_ATTEMPT, users.exists(attempted) ? attempted : "(unknown user)");
        audit.describe("session.login", users.exists(attempted) ? "user:" + attempted : null, null, null);
        AdminAccounts.LoggedIn in = accounts.login(login.username(), login.password(), AdminRequestFilters.sourceAddress(http),
                http.getHeader("User-Agent"));
        return withSession(in);
    }

    @GET
    @Requires(Permission.SELF)
    @Operation(summary = "The current session, or 401 when there is none")
    public SessionView current(@Context ContainerRequestContext request) {
        Caller caller = sessionCaller(request);
        return view(accounts.byId(caller.userId()), caller.session());
    }

    @DELETE
    @Requires(Permission.SELF)
    @Operation(summary = "Log out: the session ends on the server and the cookie is cleared")
    public Response logout(@Context ContainerRequestContext request) {
        Caller caller = sessionCaller(request);
        sessions.end(caller.session().idHash);
        audit.describe("session.logout", "user:" + caller.username(), null, null);
        return Response.noContent().header("Set-Cookie", clearCookie()).build();
    }

    @POST
    @Path("/password")
    @Requires(Permission.SELF)
    @Operation(summary = "Change the own password: every session of the user ends and a new one is opened")
    public Response changePassword(PasswordChange body, @Context ContainerRequestContext request, @Context HttpServerRequest http) {
        PasswordChange change = Bodies.required(body);
        Caller caller = sessionCaller(request);
        audit.describe("session.password-change", "user:" + caller.username(), null, null);
        return withSession(accounts.changeOwnPassword(caller.userId(), change.currentPassword(), change.newPassword(),
                AdminRequestFilters.sourceAddress(http), http.getHeader("User-Agent")));
    }

    private Response withSession(AdminAccounts.LoggedIn in) {
        return Response.ok(view(in.user(), in.opened().session()))
                .header("Set-Cookie", AdminRequestFilters.COOKIE + "=" + in.opened().cookieValue()
                        + "; Path=/; Secure; HttpOnly; SameSite=Strict")
                .build();
    }

    private SessionView view(AdminUser user, io.licensesatellite.admin.AdminSession session) {
        return new SessionView(user.username, user.role, List.copyOf(new TreeSet<>(user.role.permissions())),
                user.mustChangePassword, session.csrfToken,
                user.visibleAccounts() == null ? null : List.copyOf(new TreeSet<>(user.visibleAccounts())),
                sessions.idleTimeoutSeconds(), sessions.expiresAt(session));
    }

    private static Caller sessionCaller(ContainerRequestContext request) {
        Caller caller = (Caller) request.getProperty(AdminRequestFilters.CALLER);
        if (caller == null || !caller.viaSession()) {
            throw SatelliteException.notFound("API clients have no session");
        }
        return caller;
    }

    static String clearCookie() {
        return AdminRequestFilters.COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict";
    }
}
