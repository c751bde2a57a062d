package io.licensesatellite.platform;

import jakarta.enterprise.context.RequestScoped;
import java.util.Set;

/**
 * What the admin door learnt about the caller of this request, for domain code to read without knowing the admin
 * feature: which Virtual Accounts it may see (null: all), and what the service says about the change it made, for
 * the audit log. Read it through {@link VisibleAccounts} and {@link AuditDetails}, which work outside requests too.
 */
@RequestScoped
public class CallerScope {
    private Set<Long> visibleAccounts;
    private String action;
    private String target;
    private Object before;
    private Object after;

    public Set<Long> visibleAccounts() { return visibleAccounts; }

    public void limitToAccounts(Set<Long> ids) { this.visibleAccounts = ids == null ? null : Set.copyOf(ids); }

    public String action() { return action; }

    public String target() { return target; }

    public Object before() { return before; }

    public Object after() { return after; }

    void describe(String action, String target, Object before, Object after) {
        this.action = action;
        this.target = target;
        this.before = before;
        this.after = after;
    }
}
