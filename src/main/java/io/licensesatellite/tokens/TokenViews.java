package io.licensesatellite.tokens;

import java.time.Instant;

public final class TokenViews {
    private TokenViews() {}

    public record NewToken(String description, Integer expiresInDays, Integer maxUses, Boolean exportControlled) {}

    /** Token metadata; {@code status} is ACTIVE, EXPIRED, USED_UP or REVOKED as of now. */
    public record TokenView(long id, long virtualAccountId, String hint, String description, Instant createdAt,
                            Instant expiresAt, int maxUses, int uses, int usesLeft, boolean exportControlled,
                            Instant revokedAt, String createdBy, String status) {}

    /** Returned once, at creation: the only time the token string leaves the satellite. */
    public record CreatedToken(String token, TokenView metadata) {}

    /** A token accepted for one registration. */
    public record Redemption(long tokenId, long virtualAccountId, boolean exportControlled) {}
}
