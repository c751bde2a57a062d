package io.licensesatellite.admin.api;

import io.licensesatellite.admin.AdminAccounts;
import io.licensesatellite.admin.AdminSession;
import io.licensesatellite.admin.AdminUser;
import io.licensesatellite.admin.ApiClient;
import io.licensesatellite.admin.ApiClients;
import io.licensesatellite.admin.AuditTrail;
import io.licensesatellite.admin.Caller;
import io.licensesatellite.admin.Secrets;
import io.licensesatellite.admin.Sessions;
import io.licensesatellite.platform.CallerScope;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Problem;
import io.licensesatellite.platform.api.Requires;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Access control of every {@code /api/v1} call, in this order: who is calling (a bearer token of an API client, or
 * the console's session cookie), whether a cookie-borne change really comes from the console (CSRF), what the
 * matched method requires ({@link Requires}; a method declaring nothing is refused to everyone), whether the user
 * must first change its password, and whether the caller has the permission. Every state-changing call, allowed
 * or not, is then written to the audit log. Request bodies are never logged: they can carry secrets.
 */
public class AdminRequestFilters {
    /** The acting principal's name, as services record it: a username or {@code api-client:<name>}. */
    public static final String ACTOR = "satellite.actor";
    /** The {@link Caller} of the request. */
    public static final String CALLER = "satellite.caller";
    /** Set by the login call so that its audit entry names the user tried. */
    static final String LOGIN_ATTEMPT = "satellite.login-attempt";
    public static final String COOKIE = "ls_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CHALLENGE = "Bearer realm=\"License Satellite\"";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiClients apiClients;
    private final Sessions sessions;
    private final AdminAccounts accounts;
    private final AuditTrail audit;
    private final CallerScope scope;

    public AdminRequestFilters(ApiClients apiClients, Sessions sessions, AdminAccounts accounts, AuditTrail audit,
                               CallerScope scope) {
        this.apiClients = apiClients;
        this.sessions = sessions;
        this.accounts = accounts;
        this.audit = audit;
        this.scope = scope;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Optional<Response> authorize(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        boolean unsafe = !SAFE_METHODS.contains(request.getMethod());
        Method method = resource.getResourceMethod();
        boolean anonymous = method != null && method.isAnnotationPresent(Anonymous.class);

        String authorization = request.getHeaderString("Authorization");
        Caller caller = null;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.of(unauthenticated(path, "Only bearer tokens of API clients are accepted in Authorization;"
                        + " people log in at POST /api/v1/session"));
            }
            caller = apiClients.authenticate(authorization.substring(7).trim()).map(AdminRequestFilters::apiCaller).orElse(null);
            if (caller == null) {
                return Optional.of(unauthenticated(path, "The bearer token is unknown, revoked or expired"));
            }
        } else {
            Cookie cookie = request.getCookies().get(COOKIE);
            if (cookie != null) {
                caller = sessionCaller(cookie.getValue());
            }
        }

        if (unsafe && (caller == null || caller.viaSession())) {
            Optional<String> crossSite = crossSite(request, http);
            if (crossSite.isPresent()) {
                return Optional.of(problem(ErrorKind.CSRF_TOKEN_INVALID, crossSite.get(), path));
            }
        }
        if (anonymous) {
            remember(request, caller);
            return Optional.empty();
        }
        if (caller == null) {
            Response response = unauthenticated(path, "Log in at POST /api/v1/session, or send an API client's bearer token");
            if (request.getCookies().containsKey(COOKIE)) {
                response = Response.fromResponse(response).header("Set-Cookie", SessionResource.clearCookie()).build();
            }
            return Optional.of(response);
        }
        remember(request, caller);
        if (unsafe && caller.viaSession()
                && !Secrets.constantTimeEquals(request.getHeaderString(CSRF_HEADER), caller.session().csrfToken)) {
            return Optional.of(problem(ErrorKind.CSRF_TOKEN_INVALID,
                    "A change made with the session cookie needs the session's " + CSRF_HEADER + " header", path));
        }
        Permission required = required(resource);
        if (required == null) {
            return Optional.of(problem(ErrorKind.FORBIDDEN, "This endpoint declares no permission, so it is refused to everyone", path));
        }
        if (caller.mustChangePassword() && required != Permission.SELF) {
            return Optional.of(problem(ErrorKind.PASSWORD_CHANGE_REQUIRED,
                    "Change the password at POST /api/v1/session/password before anything else", path));
        }
        if (!caller.may(required)) {
            return Optional.of(problem(ErrorKind.FORBIDDEN, "This needs the permission " + required.name(), path));
        }
        scope.limitToAccounts(caller.visibleAccounts());
        return Optional.empty();
    }

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String method = request.getMethod();
        if (!request.getUriInfo().getPath().startsWith("/api/") || SAFE_METHODS.contains(method)) {
            return;
        }
        Object actor = request.getProperty(ACTOR);
        if (actor == null) {
            actor = request.getProperty(LOGIN_ATTEMPT);
        }
        int status = response.getStatus();
        String result = status < 400 ? "success" : status == 401 || status == 403 || status == 429 ? "denied" : "failure";
        String action = scope.action() == null ? method + " " + request.getUriInfo().getPath() : scope.action();
        AuditTrail.Entry entry = new AuditTrail.Entry(actor == null ? null : actor.toString(), action, scope.target(),
                result, status, sourceAddress(http), scope.before(), scope.after());
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            // Refused before reaching a (blocking) method, e.g. 406/415: the answer is on the event loop, which must
            // not wait for a database commit; the entry is still written, on a worker.
            io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool().execute(() -> audit.record(entry));
        } else {
            audit.record(entry);
        }
    }

    public static String sourceAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    /** The method's declared permission, else its class's; null when neither declares one. */
    static Permission required(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(Requires.class)) {
            return method.getAnnotation(Requires.class).value();
        }
        Class<?> type = resource.getResourceClass();
        return type != null && type.isAnnotationPresent(Requires.class) ? type.getAnnotation(Requires.class).value() : null;
    }

    private Caller sessionCaller(String cookieValue) {
        Optional<AdminSession> session = sessions.resolve(cookieValue);
        if (session.isEmpty()) {
            return null;
        }
        AdminUser user = accounts.byId(session.get().userId);
        if (user == null || !user.enabled) {
            return null;
        }
        return new Caller(user.username, user.id, user.username, user.role, AdminAccounts.permissionsOf(user),
                user.mustChangePassword, user.visibleAccounts(), session.get(), null);
    }

    private static Caller apiCaller(ApiClient client) {
        return new Caller("api-client:" + client.name, null, null, null, ApiClients.scopes(client), false, null, null, client.id);
    }

    private static void remember(ContainerRequestContext request, Caller caller) {
        if (caller != null) {
            request.setProperty(ACTOR, caller.actor());
            request.setProperty(CALLER, caller);
        }
    }

    /**
     * Browsers say where a request comes from: a foreign {@code Origin} or {@code Sec-Fetch-Site: cross-site} is
     * refused before anything else, the CSRF token being the second line of defence.
     */
    private static Optional<String> crossSite(ContainerRequestContext request, HttpServerRequest http) {
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null && "cross-site".equals(fetchSite.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("Cross-site requests are refused");
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null) {
            String host = http.host();
            if (host == null || !origin.trim().equalsIgnoreCase("https://" + host.trim())) {
                return Optional.of("Requests from another origin are refused");
            }
        }
        return Optional.empty();
    }

    private static Response unauthenticated(String path, String detail) {
        return Response.fromResponse(problem(ErrorKind.UNAUTHENTICATED, detail, path)).header("WWW-Authenticate", CHALLENGE).build();
    }

    private static Response problem(ErrorKind kind, String detail, String path) {
        return Problem.response(kind, detail, path, List.of());
    }
}
