package io.licensesatellite.admin;

import io.licensesatellite.platform.api.Permission;
import java.util.EnumSet;
import java.util.Set;

/** What a user may do is its role's set of permissions; the role x endpoint matrix follows from these sets. */
public enum Role {
    /** Everything, including users, API clients, settings and the audit log. */
    SYSADMIN(EnumSet.allOf(Permission.class)),
    /** Day-to-day operation: tokens, instances, synchronisation; no accounts, settings, users or audit. */
    OPERATOR(EnumSet.of(Permission.READ, Permission.TOKENS_WRITE, Permission.INSTANCES_WRITE, Permission.SYNC_RUN,
            Permission.SELF)),
    /** Read only, optionally limited to some Virtual Accounts. */
    VIEWER(EnumSet.of(Permission.READ, Permission.SELF));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }
}
