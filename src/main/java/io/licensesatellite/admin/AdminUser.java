package io.licensesatellite.admin;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

@Entity
@Table(name = "admin_user")
public class AdminUser {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "must_change_password", nullable = false)
    public boolean mustChangePassword;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role = Role.SYSADMIN;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    /** When true the user sees only {@link #virtualAccountIds}; otherwise all accounts. */
    @Column(name = "account_scoped", nullable = false)
    public boolean accountScoped;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "admin_user_account", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "virtual_account_id")
    public Set<Long> virtualAccountIds = new TreeSet<>();

    /** The accounts this user is limited to, or null when it sees all. */
    public Set<Long> visibleAccounts() {
        return accountScoped ? Set.copyOf(virtualAccountIds) : null;
    }
}
