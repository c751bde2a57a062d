package io.licensesatellite.platform;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets a service say what an admin call changed (action, target, state before and after) so the audit entry the
 * admin door writes for the call carries it. The states are serialised with secrets redacted; a service passes
 * views, never entities or secrets. Outside an admin request this does nothing.
 */
@ApplicationScoped
public class AuditDetails {
    private final CallerScope scope;

    public AuditDetails(CallerScope scope) {
        this.scope = scope;
    }

    public void describe(String action, String target, Object before, Object after) {
        if (Arc.container().requestContext().isActive()) {
            scope.describe(action, target, before, after);
        }
    }
}
