package io.licensesatellite.accounts;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class SmartAccountRepository implements PanacheRepository<SmartAccount> {
    public Optional<SmartAccount> current() {
        return findAll().firstResultOptional();
    }
}
