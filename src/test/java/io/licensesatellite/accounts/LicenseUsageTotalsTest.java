package io.licensesatellite.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.devices.DeviceLifecycle;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Authorisations decide from running totals per tag; the totals must always equal the sum of the reservations
 * they stand for, whatever devices do: authorise, renew, deregister, re-register with force, go silent.
 */
@QuarkusTest
class LicenseUsageTotalsTest extends SatelliteJourney {
    static final String ESSENTIALS = "C9500 Network Essentials";
    static final String ESSENTIALS_32C = "C9500 32C NW Essentials";

    @Inject
    EntityManager entityManager;

    @Inject
    DeviceLifecycle lifecycle;

    @Test
    void runningTotalsAlwaysEqualTheReservations() {
        long va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        api.addLicense(va, ESSENTIALS, 4, null);
        api.addLicense(va, ESSENTIALS_32C, 3, ESSENTIALS);
        String token = api.createToken(va, 30, 50, false);
        List<Credentials> fleet = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fleet.add(Devices.registered(client, Devices.aSwitch(), token));
        }
        for (int i = 0; i < fleet.size(); i++) {
            Devices.success(client.authorize(fleet.get(i), List.of(new Entitlement(ESSENTIALS_32C, 1 + i % 3),
                    new Entitlement(ESSENTIALS, 1))));
            assertTotalsMatchReservations(va);
        }
        Devices.success(client.authorize(fleet.get(0), List.of(new Entitlement(ESSENTIALS, 1))));
        Devices.success(client.deregister(fleet.get(1)));
        assertTotalsMatchReservations(va);
        DeviceIdentity replaced = fleet.get(2).device();
        Devices.success(client.register(replaced, RegisterRequest.withToken(token, true)));
        assertTotalsMatchReservations(va);
        TestClock.CLOCK.advance(Duration.ofDays(91));
        lifecycle.apply(TestClock.CLOCK.instant());
        assertTotalsMatchReservations(va);
        assertThat(totals(va, "covered") + totals(va, "overdrawn")).isZero();
    }

    private void assertTotalsMatchReservations(long va) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<?> mismatches = entityManager.createNativeQuery("""
                    select u.tag from license_usage u
                    where u.va_id = ?1 and (
                      u.covered <> (select coalesce(sum(r.quantity), 0) from license_reservation r
                                    where r.va_id = u.va_id and r.charged_tag = u.tag and r.covered)
                      or u.overdrawn <> (select coalesce(sum(r.quantity), 0) from license_reservation r
                                    where r.va_id = u.va_id and r.charged_tag = u.tag and not r.covered))
                    """).setParameter(1, va).getResultList();
            assertThat(mismatches).as("tags whose running total differs from their reservations").isEmpty();
            Number missing = (Number) entityManager.createNativeQuery("""
                    select count(*) from license_reservation r where r.va_id = ?1 and not exists
                      (select 1 from license_usage u where u.va_id = r.va_id and u.tag = r.charged_tag)
                    """).setParameter(1, va).getSingleResult();
            assertThat(missing.intValue()).isZero();
        });
    }

    private int totals(long va, String column) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select coalesce(sum(" + column + "), 0) from license_usage where va_id = ?1").setParameter(1, va)
                .getSingleResult()).intValue());
    }
}
