package io.licensesatellite.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2 client credentials for the usage-reporting REST API, as the vendor's SSO hands them out: clients (one
 * Smart Account each) in {@code oauth-clients.json} with only a salted SHA-256 of their secret, bearer tokens in
 * memory for {@value #TOKEN_SECONDS} seconds (the vendor's {@code expires_in}).
 */
final class OAuthClients {
    static final String FILE_NAME = "oauth-clients.json";
    static final long TOKEN_SECONDS = 3599;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Client(String clientId, String smartAccount, String salt, String secretSha256, Instant createdAt) {}

    record Stored(List<Client> clients) {}

    /** A client just created: the secret is shown once and kept nowhere. */
    record Created(String clientId, String clientSecret, String smartAccount) {}

    record Token(String accessToken, String clientId, String smartAccount, Instant expiresAt) {}

    /** Why a token request or a bearer was refused: OAuth's error code and a description. */
    static final class Refused extends Exception {
        final String error;

        Refused(String error, String description) {
            super(description);
            this.error = error;
        }
    }

    private final Path stateDir;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    OAuthClients(Path stateDir, Clock clock) {
        this.stateDir = stateDir;
        this.clock = clock;
    }

    Created create(String smartAccount, String clientId) {
        return StateFiles.locked(stateDir, () -> {
            List<Client> clients = new ArrayList<>(read().clients());
            String id = clientId == null ? "client-" + HexFormat.of().formatHex(random(6)) : clientId;
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("a client id is 1 to 64 letters, digits, '.', '_' or '-', not '" + id + "'");
            }
            if (clients.stream().anyMatch(c -> c.clientId().equals(id))) {
                throw new IllegalArgumentException("a client '" + id + "' exists already");
            }
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random(24));
            String salt = HexFormat.of().formatHex(random(16));
            clients.add(new Client(id, smartAccount, salt, sha256(salt, secret), clock.instant()));
            write(new Stored(clients));
            return new Created(id, secret, smartAccount);
        });
    }

    List<Client> clients() {
        return read().clients();
    }

    Token issue(String grantType, String clientId, String clientSecret) throws Refused {
        if (!"client_credentials".equals(grantType)) {
            throw new Refused("unsupported_grant_type", "only grant_type=client_credentials is supported here");
        }
        if (clientId == null || clientSecret == null) {
            throw new Refused("invalid_request", "client_id and client_secret are required");
        }
        Optional<Client> client = read().clients().stream().filter(c -> c.clientId().equals(clientId)).findFirst();
        if (client.isEmpty() || !MessageDigest.isEqual(
                sha256(client.get().salt(), clientSecret).getBytes(StandardCharsets.US_ASCII),
                client.get().secretSha256().getBytes(StandardCharsets.US_ASCII))) {
            throw new Refused("invalid_client", "unknown client or wrong secret");
        }
        Instant now = clock.instant();
        tokens.values().removeIf(t -> !t.expiresAt().isAfter(now));
        Token token = new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(random(32)), clientId,
                client.get().smartAccount(), now.plus(Duration.ofSeconds(TOKEN_SECONDS)));
        tokens.put(token.accessToken(), token);
        return token;
    }

    /** The token an {@code Authorization: Bearer} header carries, if it is one we issued and it has not expired. */
    Token check(String authorization) throws Refused {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Refused("invalid_request", "an Authorization: Bearer <access_token> header is required");
        }
        Token token = tokens.get(authorization.substring(7).trim());
        if (token == null) {
            throw new Refused("invalid_token", "the access token is not one this upstream issued");
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            tokens.remove(token.accessToken());
            throw new Refused("invalid_token", "the access token expired at " + token.expiresAt());
        }
        return token;
    }

    private Stored read() {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new Stored(List.of());
        }
        try {
            return SatelliteRecords.JSON.readValue(file.toFile(), Stored.class);
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(Stored stored) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            StateFiles.writeSecret(file, SatelliteRecords.JSON.writeValueAsBytes(stored));
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String sha256(String salt, String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((salt + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required", e);
        }
    }
}
