package io.licensesatellite.usage;

import io.licensesatellite.accounts.VirtualAccounts;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Which Virtual Account a new reporting device goes to: the operator's choice, else the push URL's tenant, else the
 * configured default VA (created on first use). A device keeps the VA it was first seen in.
 */
@ApplicationScoped
public class UsageAccounts {
    private final VirtualAccounts accounts;
    private final UsageConfig config;
    private volatile Long defaultVa;

    public UsageAccounts(VirtualAccounts accounts, UsageConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    /** The VA for this source; empty when the tenant names no VA of this satellite. */
    public Optional<Long> resolve(IngestSource source) {
        if (source.virtualAccountId() != null) {
            return Optional.of(accounts.get(source.virtualAccountId()).id());
        }
        if (source.tenant() != null && !source.tenant().isBlank()) {
            for (String name : TenantPolicy.candidateNames(source.tenant())) {
                Optional<Long> id = accounts.idOf(name);
                if (id.isPresent()) {
                    return id;
                }
            }
            return Optional.empty();
        }
        return Optional.of(defaultVirtualAccount());
    }

    public long defaultVirtualAccount() {
        Long known = defaultVa;
        if (known != null) {
            return known;
        }
        String name = config.defaultVirtualAccount();
        Long id = accounts.idOf(name).orElseGet(() -> {
            try {
                return accounts.create(name, "Created for usage reports that name no Virtual Account").id();
            } catch (SatelliteException e) {
                if (e.kind() != ErrorKind.CONFLICT) {
                    throw e;
                }
                return accounts.idOf(name).orElseThrow(() -> e);  // created meanwhile by another thread
            }
        });
        defaultVa = id;
        return id;
    }

    /** Forgets the cached default (its VA may be deleted or renamed by an operator). */
    void forgetDefault() {
        defaultVa = null;
    }
}
