package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.licensesatellite.admin.api.Anonymous;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import io.licensesatellite.testing.AdminApi;
import io.licensesatellite.testing.IsolatedSatellite;
import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every admin API method, found by reflection, against every role and every single-scope API client: refused with
 * {@code forbidden} exactly when the principal lacks the declared permission. The expectation is derived from the
 * role definitions and the declarations; a short hand-written table pins the intent of the key cases.
 */
@QuarkusTest
@TestProfile(IsolatedSatellite.class)
class RoleMatrixTest extends SatelliteJourney {
    private static final String FORBIDDEN = "https://license-satellite.io/problems/forbidden";
    private static final List<Class<? extends Annotation>> VERBS = List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class);

    @Inject
    LoginThrottle throttle;

    @BeforeEach
    void cleanSlate() {
        throttle.forgetAll();
    }

    /** One resource method: verb, path with dummy parameters, what it declares. */
    record Endpoint(String verb, String path, Method method, Permission required, String contentType) {
        boolean anonymous() {
            return method.isAnnotationPresent(Anonymous.class);
        }

        @Override
        public String toString() {
            return verb + " " + path + " (" + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ")";
        }

        Response call(RequestSpecification as) {
            RequestSpecification request = as;
            if (contentType != null) {
                request = contentType.contains("json") ? request.contentType(contentType).body("{}")
                        : request.contentType(contentType).body("x: 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return request.request(verb, path);
        }
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (Class<?> type : resourceClasses()) {
            String base = type.getAnnotation(Path.class).value();
            for (Method m : type.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                String path = join(base, m.isAnnotationPresent(Path.class) ? m.getAnnotation(Path.class).value() : "");
                path = path.replaceAll("\\{[^}]+}", "999999");
                Requires requires = m.isAnnotationPresent(Requires.class) ? m.getAnnotation(Requires.class) : type.getAnnotation(Requires.class);
                out.add(new Endpoint(verb, path, m, requires == null ? null : requires.value(), contentType(type, m, verb)));
            }
        }
        // Ending the own session or changing the password last keeps the session for the other calls.
        out.sort(Comparator.comparing((Endpoint e) -> e.verb().equals("DELETE") && e.path().equals("/api/v1/session"))
                .thenComparing(Endpoint::toString));
        return out;
    }

    @Test
    void everyAdminApiMethodDeclaresAPermissionAndOnlyLoginIsAnonymous() {
        List<Endpoint> all = endpoints();
        assertThat(all).hasSizeGreaterThan(30);
        List<String> undeclared = all.stream().filter(e -> e.required() == null && !e.anonymous()).map(Endpoint::toString).toList();
        assertThat(undeclared).as("admin API methods without @Requires").isEmpty();
        assertThat(all.stream().filter(Endpoint::anonymous).map(Endpoint::toString))
                .containsExactly("POST /api/v1/session (SessionResource.login)");
    }

    @Test
    void aMethodDeclaringNothingIsRefusedToEveryoneEvenTheSystemAdministrator() {
        api.asAdmin().get("/api/v1/test-only/undeclared").then().statusCode(403)
                .body("type", org.hamcrest.Matchers.equalTo(FORBIDDEN));
    }

    @Test
    void withoutCredentialsEveryMethodButLoginAnswers401() {
        for (Endpoint e : endpoints()) {
            Response response = e.call(api.anonymous());
            if (e.anonymous()) {
                assertThat(response.statusCode()).as(e.toString()).isNotEqualTo(403);
                assertThat(response.jsonPath().getString("type")).as(e.toString()).doesNotEndWith("/unauthenticated");
            } else {
                assertThat(response.statusCode()).as(e.toString()).isEqualTo(401);
                assertThat(response.getHeader("WWW-Authenticate")).as(e.toString()).isEqualTo("Bearer realm=\"License Satellite\"");
            }
        }
    }

    @Test
    void eachRoleIsRefusedExactlyWhatItsPermissionsDoNotCover() {
        for (Role role : Role.values()) {
            String name = "matrix-" + role.name().toLowerCase();
            String password = api.createUser(name, role.name(), null);
            AdminApi.Session session = api.login(name, password);
            check(role.name(), role.permissions(), session.spec());
        }
    }

    @Test
    void eachApiClientScopeAllowsExactlyItself() {
        for (Permission scope : Permission.values()) {
            String token = api.asAdmin().body(Map.of("name", "scope-" + scope.name().toLowerCase(), "scopes", List.of(scope.name())))
                    .post("/api/v1/api-clients").then().statusCode(201).extract().jsonPath().getString("token");
            check("api client " + scope, EnumSet.of(scope), api.bearer(token));
        }
    }

    @Test
    void theKeyCasesAreAsIntended() {
        RequestSpecification operator = api.login("key-operator", api.createUser("key-operator", "OPERATOR", null)).spec();
        RequestSpecification viewer = api.login("key-viewer", api.createUser("key-viewer", "VIEWER", null)).spec();
        String[][] table = {
            // who, verb, path, forbidden?
            {"operator", "POST", "/api/v1/users", "yes"},
            {"operator", "PUT", "/api/v1/sync/settings", "yes"},
            {"operator", "POST", "/api/v1/api-clients", "yes"},
            {"operator", "GET", "/api/v1/audit", "yes"},
            {"operator", "POST", "/api/v1/virtual-accounts", "yes"},
            {"operator", "POST", "/api/v1/virtual-accounts/999999/tokens", "no"},
            {"operator", "POST", "/api/v1/sync/requests", "no"},
            {"operator", "DELETE", "/api/v1/product-instances/999999", "no"},
            {"viewer", "POST", "/api/v1/virtual-accounts/999999/tokens", "yes"},
            {"viewer", "DELETE", "/api/v1/tokens/999999", "yes"},
            {"viewer", "POST", "/api/v1/sync/online", "yes"},
            {"viewer", "GET", "/api/v1/virtual-accounts", "no"},
            {"viewer", "GET", "/api/v1/session", "no"},
        };
        for (String[] row : table) {
            RequestSpecification as = row[0].equals("operator") ? operator : viewer;
            Response response = as.body("{}").request(row[1], row[2]);
            boolean forbidden = response.statusCode() == 403 && FORBIDDEN.equals(response.jsonPath().getString("type"));
            assertThat(forbidden).as(String.join(" ", row) + " answered " + response.statusCode()).isEqualTo(row[3].equals("yes"));
        }
    }

    private void check(String who, Set<Permission> granted, RequestSpecification as) {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (e.anonymous()) {
                continue;
            }
            Response response = e.call(as);
            boolean forbidden = response.statusCode() == 403 && FORBIDDEN.equals(response.jsonPath().getString("type"));
            boolean expected = !granted.contains(e.required());
            if (forbidden != expected) {
                wrong.add(e + " answered " + response.statusCode() + " " + response.asString());
            }
            if (response.statusCode() == 401 || response.statusCode() == 500) {
                wrong.add(e + " answered " + response.statusCode() + " " + response.asString());
            }
            if (expected) {
                assertThat(response.jsonPath().getString("detail")).as(e.toString()).contains(e.required().name());
            }
        }
        if (!wrong.isEmpty()) {
            fail(who + ":\n" + String.join("\n", wrong));
        }
    }

    private static String verb(Method m) {
        for (Class<? extends Annotation> verb : VERBS) {
            if (m.isAnnotationPresent(verb)) {
                return verb.getAnnotation(HttpMethod.class).value();
            }
        }
        return null;
    }

    private static String contentType(Class<?> type, Method m, String verb) {
        if (verb.equals("GET") || verb.equals("DELETE")) {
            return null;
        }
        Consumes consumes = m.isAnnotationPresent(Consumes.class) ? m.getAnnotation(Consumes.class) : type.getAnnotation(Consumes.class);
        if (consumes == null || Arrays.asList(consumes.value()).contains("application/json")) {
            return "application/json";
        }
        return consumes.value()[0];
    }

    private static String join(String base, String sub) {
        String path = (base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Every class under io.licensesatellite with a JAX-RS @Path, found on the class path (no list to forget). */
    static List<Class<?>> resourceClasses() {
        List<Class<?>> out = new ArrayList<>();
        try {
            for (URL root : Collections.list(RoleMatrixTest.class.getClassLoader().getResources("io/licensesatellite"))) {
                if (!"file".equals(root.getProtocol())) {
                    continue;
                }
                java.nio.file.Path dir = Paths.get(root.toURI());
                java.nio.file.Path classesRoot = dir.getParent().getParent();
                try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
                    for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String name = classesRoot.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                        Class<?> type = Class.forName(name, false, RoleMatrixTest.class.getClassLoader());
                        if (type.isAnnotationPresent(Path.class) && type.getName().startsWith("io.licensesatellite.")) {
                            out.add(type);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        assertThat(out).as("resource classes found").isNotEmpty();
        return out;
    }
}
