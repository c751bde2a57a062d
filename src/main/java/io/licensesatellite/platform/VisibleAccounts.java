package io.licensesatellite.platform;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Which Virtual Accounts the current caller may see. A viewer may be limited to some; everyone else, and every
 * call outside an admin request (devices, jobs), sees all. Lists filter by it; reading one account's resource
 * it may not see answers "not found", so a limited viewer cannot even learn that the account exists.
 */
@ApplicationScoped
public class VisibleAccounts {
    private final CallerScope scope;

    public VisibleAccounts(CallerScope scope) {
        this.scope = scope;
    }

    /** The accounts the caller is limited to, or empty when it sees all. */
    public Optional<Set<Long>> limitedTo() {
        ManagedContext context = Arc.container().requestContext();
        if (!context.isActive()) {
            return Optional.empty();
        }
        return Optional.ofNullable(scope.visibleAccounts());
    }

    public boolean canSee(Long virtualAccountId) {
        Optional<Set<Long>> limit = limitedTo();
        return limit.isEmpty() || (virtualAccountId != null && limit.get().contains(virtualAccountId));
    }

    /** Throws "not found" (never "forbidden") when the caller may not see the account. */
    public void requireVisible(Long virtualAccountId, String notFoundDetail) {
        if (!canSee(virtualAccountId)) {
            throw SatelliteException.notFound(notFoundDetail);
        }
    }
}
