package io.licensesatellite.tokens;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a token may register one more device. Checked in this order so the operator sees the most
 * fundamental reason: revoked beats expired beats used up.
 */
public final class TokenRedemptionPolicy {
    private TokenRedemptionPolicy() {}

    public static Optional<TokenRefusal> check(RegistrationToken token, Instant now) {
        if (token == null) {
            return Optional.of(TokenRefusal.UNKNOWN);
        }
        if (token.revokedAt != null) {
            return Optional.of(TokenRefusal.REVOKED);
        }
        if (!now.isBefore(token.expiresAt)) {
            return Optional.of(TokenRefusal.EXPIRED);
        }
        if (token.uses >= token.maxUses) {
            return Optional.of(TokenRefusal.USED_UP);
        }
        return Optional.empty();
    }
}
