package io.licensesatellite.admin.api;

import io.licensesatellite.admin.AdminAccounts;
import io.licensesatellite.admin.AuditLog;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.api.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Authenticates every {@code /api/v1} call with HTTP Basic and writes every state-changing call, allowed or
 * not, to the audit log. Request bodies are never logged: they can carry secrets.
 */
public class AdminRequestFilters {
    public static final String ACTOR = "satellite.actor";
    private static final String REALM = "Basic realm=\"License Satellite\", charset=\"UTF-8\"";

    private final AdminAccounts accounts;
    private final AuditLog audit;

    public AdminRequestFilters(AdminAccounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        Optional<String> actor = basicCredentials(request.getHeaderString("Authorization"))
                .flatMap(c -> accounts.authenticate(c[0], c[1]));
        if (actor.isEmpty()) {
            Response response = Problem.response(ErrorKind.UNAUTHENTICATED,
                    "Send HTTP Basic credentials of an administrator", request.getUriInfo().getPath(), List.of());
            return Optional.of(Response.fromResponse(response).header("WWW-Authenticate", REALM).build());
        }
        request.setProperty(ACTOR, actor.get());
        return Optional.empty();
    }

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String method = request.getMethod();
        if (!request.getUriInfo().getPath().startsWith("/api/") || "GET".equals(method) || "HEAD".equals(method)
                || "OPTIONS".equals(method)) {
            return;
        }
        Object actor = request.getProperty(ACTOR);
        String source = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        audit.record(actor == null ? "(unauthenticated)" : actor.toString(),
                method + " " + request.getUriInfo().getPath(), response.getStatus(), source);
    }

    private static Optional<String[]> basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 4096) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
