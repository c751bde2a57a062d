package io.licensesatellite.admin;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.Permission;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API clients: bearer tokens for automation, each with exactly the permissions (scopes) it was given. A token is
 * {@code lsc_<id>_<43 base64url characters of 256 random bits>}; the id finds the row, the SHA-256 of the whole
 * token is compared in constant time. The token is returned once, at creation.
 */
@ApplicationScoped
public class ApiClients implements PanacheRepositoryBase<ApiClient, String> {
    static final String PREFIX = "lsc_";
    static final int MAX_EXPIRY_DAYS = 3650;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern TOKEN = Pattern.compile("lsc_([a-z0-9]{16})_[A-Za-z0-9_-]{43}");

    private final Clock clock;

    public ApiClients(Clock clock) {
        this.clock = clock;
    }

    public record NewApiClient(String name, List<String> scopes, Integer expiresInDays) {}

    public record CreatedApiClient(String id, String name, List<Permission> scopes, Instant expiresAt, String token) {}

    public record ApiClientView(String id, String name, List<Permission> scopes, String createdBy, Instant createdAt,
                                Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        static ApiClientView of(ApiClient c) {
            return new ApiClientView(c.id, c.name, List.copyOf(ApiClients.scopes(c)), c.createdBy, c.createdAt, c.expiresAt,
                    c.lastUsedAt, c.revokedAt);
        }
    }

    @Transactional
    public CreatedApiClient create(NewApiClient request, String createdBy) {
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw SatelliteException.invalid("name", "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (request.scopes() == null || request.scopes().isEmpty()) {
            throw SatelliteException.invalid("scopes", "name at least one permission: " + Arrays.toString(Permission.values()));
        }
        Set<Permission> scopes = EnumSet.noneOf(Permission.class);
        for (String scope : request.scopes()) {
            try {
                scopes.add(Permission.valueOf(String.valueOf(scope).trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw SatelliteException.invalid("scopes", "unknown permission; one of " + Arrays.toString(Permission.values()));
            }
        }
        Integer days = request.expiresInDays();
        if (days != null && (days < 1 || days > MAX_EXPIRY_DAYS)) {
            throw SatelliteException.invalid("expiresInDays", "between 1 and " + MAX_EXPIRY_DAYS + ", or absent for no expiry");
        }
        if (count("name = ?1 and revokedAt is null", request.name()) > 0) {
            throw new SatelliteException(ErrorKind.CONFLICT, "An API client named '" + request.name() + "' already exists");
        }
        Instant now = clock.instant();
        ApiClient client = new ApiClient();
        client.id = Secrets.randomUrlSafe(16).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "0").substring(0, 16);
        String token = PREFIX + client.id + "_" + Secrets.random256();
        client.name = request.name();
        client.scopes = scopes.stream().map(Enum::name).collect(Collectors.joining(","));
        client.tokenHash = Secrets.sha256Hex(token);
        client.createdBy = createdBy;
        client.createdAt = now;
        client.expiresAt = days == null ? null : now.plus(Duration.ofDays(days));
        persist(client);
        return new CreatedApiClient(client.id, client.name, List.copyOf(scopes), client.expiresAt, token);
    }

    @Transactional
    public List<ApiClientView> list(int page, int size) {
        return findAll(Sort.descending("createdAt").and("id")).page(page, size).list().stream().map(ApiClientView::of).toList();
    }

    @Transactional
    public ApiClientView view(String id) {
        return findByIdOptional(id).map(ApiClientView::of).orElseThrow(() -> SatelliteException.notFound("No API client " + id));
    }

    /** Revokes at once: the next request with the token is refused. Revoking twice is harmless. */
    @Transactional
    public ApiClientView revoke(String id) {
        ApiClient client = findByIdOptional(id).orElseThrow(() -> SatelliteException.notFound("No API client " + id));
        if (client.revokedAt == null) {
            client.revokedAt = clock.instant();
        }
        return ApiClientView.of(client);
    }

    /** The live client this bearer token belongs to; touches last-used at most once a minute. */
    @Transactional
    public Optional<ApiClient> authenticate(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        var matcher = TOKEN.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        ApiClient client = findById(matcher.group(1));
        String presented = Secrets.sha256Hex(token);
        if (client == null || !Secrets.constantTimeEquals(presented, client.tokenHash)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (client.revokedAt != null || (client.expiresAt != null && !now.isBefore(client.expiresAt))) {
            return Optional.empty();
        }
        if (client.lastUsedAt == null || Duration.between(client.lastUsedAt, now).compareTo(Sessions.TOUCH_INTERVAL) >= 0) {
            client.lastUsedAt = now;
        }
        return Optional.of(client);
    }

    public static Set<Permission> scopes(ApiClient client) {
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        for (String s : client.scopes.split(",")) {
            if (!s.isBlank()) {
                out.add(Permission.valueOf(s));
            }
        }
        return out;
    }

    /** What the audit log keeps of a client: everything but the token. */
    public static Map<String, Object> auditView(ApiClientView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("scopes", c.scopes());
        m.put("expiresAt", c.expiresAt());
        m.put("revokedAt", c.revokedAt());
        return m;
    }
}
