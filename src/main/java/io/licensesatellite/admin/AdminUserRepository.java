package io.licensesatellite.admin;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

@ApplicationScoped
public class AdminUserRepository implements PanacheRepository<AdminUser> {
    public Optional<AdminUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    @Transactional
    public boolean exists(String username) {
        return username != null && username.length() <= 100 && count("username", username) > 0;
    }

    @Transactional
    public Optional<String> passwordHash(String username) {
        return findByUsername(username).map(u -> u.passwordHash);
    }
}
