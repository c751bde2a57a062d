package io.licensesatellite.admin;

import io.licensesatellite.platform.api.Permission;
import java.time.Instant;
import java.util.Set;

/**
 * Who is calling the admin API: a user through a console session, or an API client through its bearer token.
 *
 * @param actor              how the audit log names it: the username, or {@code api-client:<name>}
 * @param visibleAccounts    the Virtual Accounts it is limited to, or null for all
 * @param session            the session it came through, or null for an API client
 */
public record Caller(String actor, Long userId, String username, Role role, Set<Permission> permissions,
                     boolean mustChangePassword, Set<Long> visibleAccounts, AdminSession session, String apiClientId) {
    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    public boolean viaSession() {
        return session != null;
    }

    public Instant sessionExpiresAt(AccessConfig.Session config) {
        return session.createdAt.plus(config.absoluteTimeout());
    }
}
