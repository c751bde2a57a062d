package io.licensesatellite.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenRedemptionPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    static RegistrationToken aToken() {
        RegistrationToken t = new RegistrationToken();
        t.createdAt = NOW.minus(Duration.ofDays(1));
        t.expiresAt = NOW.plus(Duration.ofDays(29));
        t.maxUses = 2;
        t.uses = 0;
        return t;
    }

    @Test
    void acceptsAFreshToken() {
        assertThat(TokenRedemptionPolicy.check(aToken(), NOW)).isEmpty();
    }

    @Test
    void refusesAnUnknownToken() {
        assertThat(TokenRedemptionPolicy.check(null, NOW)).contains(TokenRefusal.UNKNOWN);
    }

    @Test
    void refusesATokenAtItsExpiryInstant() {
        RegistrationToken t = aToken();
        t.expiresAt = NOW;
        assertThat(TokenRedemptionPolicy.check(t, NOW)).contains(TokenRefusal.EXPIRED);
        assertThat(TokenRedemptionPolicy.check(t, NOW.minusSeconds(1))).isEmpty();
    }

    @Test
    void refusesATokenWhoseUsesAreSpent() {
        RegistrationToken t = aToken();
        t.uses = 2;
        assertThat(TokenRedemptionPolicy.check(t, NOW)).contains(TokenRefusal.USED_UP);
    }

    @Test
    void revocationIsReportedBeforeExpiryAndUse() {
        RegistrationToken t = aToken();
        t.uses = 2;
        t.expiresAt = NOW.minusSeconds(5);
        t.revokedAt = NOW.minusSeconds(10);
        assertThat(TokenRedemptionPolicy.check(t, NOW)).contains(TokenRefusal.REVOKED);
    }

    @Test
    void tokenStringsCarryAtLeast128RandomBitsAndNeverRepeat() {
        String a = RegistrationTokens.newTokenString(NOW);
        String b = RegistrationTokens.newTokenString(NOW);
        assertThat(a).isNotEqualTo(b);
        assertThat(RegistrationTokens.SECRET_BYTES * 8).isGreaterThanOrEqualTo(128);
        assertThat(a).matches("[A-Za-z0-9_-]+");
    }
}
