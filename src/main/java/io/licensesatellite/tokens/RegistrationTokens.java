package io.licensesatellite.tokens;

import io.licensesatellite.platform.PageRequest;
import io.licensesatellite.platform.VisibleAccounts;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.PageOf;
import io.licensesatellite.tokens.TokenViews.CreatedToken;
import io.licensesatellite.tokens.TokenViews.NewToken;
import io.licensesatellite.tokens.TokenViews.Redemption;
import io.licensesatellite.tokens.TokenViews.TokenView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Creates, lists, revokes and redeems registration tokens. */
@ApplicationScoped
public class RegistrationTokens {
    static final int MIN_EXPIRY_DAYS = 1;
    static final int MAX_EXPIRY_DAYS = 365;
    static final int DEFAULT_EXPIRY_DAYS = 30;
    static final int DEFAULT_MAX_USES = 100;
    static final int MAX_USES_LIMIT = 1_000_000;
    /** 256 random bits: far above the 128 the security baseline asks for. */
    static final int SECRET_BYTES = 32;
    static final int MAX_TOKEN_LENGTH = 512;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RegistrationTokenRepository tokens;
    private final Clock clock;

    private final VisibleAccounts visible;

    public RegistrationTokens(RegistrationTokenRepository tokens, Clock clock, VisibleAccounts visible) {
        this.visible = visible;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Transactional
    public CreatedToken create(long vaId, NewToken request, String createdBy) {
        int days = request.expiresInDays() == null ? DEFAULT_EXPIRY_DAYS : request.expiresInDays();
        if (days < MIN_EXPIRY_DAYS || days > MAX_EXPIRY_DAYS) {
            throw SatelliteException.invalid("expiresInDays", "must be between 1 and 365");
        }
        int maxUses = request.maxUses() == null ? DEFAULT_MAX_USES : request.maxUses();
        if (maxUses < 1 || maxUses > MAX_USES_LIMIT) {
            throw SatelliteException.invalid("maxUses", "must be between 1 and " + MAX_USES_LIMIT);
        }
        if (request.description() != null && request.description().length() > 1000) {
            throw SatelliteException.invalid("description", "at most 1000 characters");
        }
        Instant now = clock.instant();
        String token = newTokenString(now);
        RegistrationToken entity = new RegistrationToken();
        entity.virtualAccountId = vaId;
        entity.tokenHash = hash(token);
        entity.tokenHint = token.substring(0, 8);
        entity.description = request.description();
        entity.createdAt = now;
        entity.expiresAt = now.plus(Duration.ofDays(days));
        entity.maxUses = maxUses;
        entity.uses = 0;
        entity.exportControlled = Boolean.TRUE.equals(request.exportControlled());
        entity.createdBy = createdBy;
        tokens.persist(entity);
        return new CreatedToken(token, view(entity, now));
    }

    @Transactional
    public List<TokenView> list(long vaId) {
        Instant now = clock.instant();
        return tokens.forAccount(vaId).stream().map(t -> view(t, now)).toList();
    }

    public static final List<String> SORTS = List.of("createdAt", "expiresAt", "usesLeft");
    public static final List<String> STATUSES = List.of("ACTIVE", "EXPIRED", "USED_UP", "REVOKED");

    /** A page of tokens, newest first by default; status is computed as of now, as each token shows it. */
    @Transactional
    public PageOf<TokenView> page(Long vaId, String status, PageRequest request) {
        String checkedStatus = null;
        if (status != null && !status.isBlank()) {
            checkedStatus = status.trim().toUpperCase(java.util.Locale.ROOT);
            if (!STATUSES.contains(checkedStatus)) {
                throw SatelliteException.invalid("status", "must be one of " + String.join(", ", STATUSES));
            }
        }
        Instant now = clock.instant();
        java.util.Set<Long> only = visible.limitedTo().orElse(null);
        if (only != null && only.isEmpty()) {
            return new PageOf<>(List.of(), request.page(), request.size(), 0);
        }
        RegistrationTokenRepository.TokenFilter filter = new RegistrationTokenRepository.TokenFilter(vaId, checkedStatus, only);
        List<TokenView> items = tokens.page(filter, now, request.sortField(), request.descending(), request.offset(),
                request.size()).stream().map(t -> view(t, now)).toList();
        return new PageOf<>(items, request.page(), request.size(), tokens.count(filter, now));
    }

    @Transactional
    public TokenView get(long id) {
        RegistrationToken token = require(id);
        if (!visible.canSee(token.virtualAccountId)) {
            throw SatelliteException.notFound("No registration token with id " + id);
        }
        return view(token, clock.instant());
    }

    /** Revoking twice is harmless: the first revocation time is kept. */
    @Transactional
    public TokenView revoke(long id) {
        RegistrationToken token = require(id);
        Instant now = clock.instant();
        if (token.revokedAt == null) {
            token.revokedAt = now;
        }
        return view(token, now);
    }

    /**
     * Whether the token may register a device now, without taking a use yet: the caller does its work first and
     * claims the use last, so the token's row is locked only for the end of the transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RedemptionResult check(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return new RedemptionResult.Refused(TokenRefusal.UNKNOWN);
        }
        RegistrationToken entity = tokens.findByHash(hash(token)).orElse(null);
        var refusal = TokenRedemptionPolicy.check(entity, now);
        if (refusal.isPresent()) {
            return new RedemptionResult.Refused(refusal.get());
        }
        return new RedemptionResult.Accepted(new Redemption(entity.id, entity.virtualAccountId, entity.exportControlled));
    }

    /**
     * Takes one use of a token {@link #check checked} earlier in the same transaction, atomically: two
     * registrations racing for the last use cannot both win. The use counts only if the caller commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Optional<TokenRefusal> claimUse(long tokenId, Instant now) {
        if (tokens.claimUse(tokenId, now)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(TokenRedemptionPolicy.check(tokens.reload(tokenId), now).orElse(TokenRefusal.USED_UP));
    }

    public sealed interface RedemptionResult {
        record Accepted(Redemption redemption) implements RedemptionResult {}

        record Refused(TokenRefusal reason) implements RedemptionResult {}
    }

    /**
     * The shape of a vendor ID token as publicly observed (protocol-facts A4): URL-safe base64 of
     * {@code <uuid>-<epoch ms>|<base64 secret>}; only the secret's randomness matters.
     */
    static String newTokenString(Instant now) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String inner = UUID.randomUUID() + "-" + now.toEpochMilli() + "|" + Base64.getEncoder().encodeToString(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(inner.getBytes(StandardCharsets.US_ASCII));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private RegistrationToken require(long id) {
        RegistrationToken token = tokens.findById(id);
        if (token == null) {
            throw SatelliteException.notFound("No registration token with id " + id);
        }
        return token;
    }

    private static TokenView view(RegistrationToken t, Instant now) {
        String status = TokenRedemptionPolicy.check(t, now).map(Enum::name).orElse("ACTIVE");
        return new TokenView(t.id, t.virtualAccountId, t.tokenHint, t.description, t.createdAt, t.expiresAt,
                t.maxUses, t.uses, Math.max(0, t.maxUses - t.uses), t.exportControlled, t.revokedAt, t.createdBy, status);
    }
}
