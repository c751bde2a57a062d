package io.licensesatellite.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets the satellite must keep to use later (a proxy password, device credentials) with AES-256-GCM
 * under a key in {@code <data-dir>/secrets.key} (0600). A database copy alone then reveals none of them.
 */
@ApplicationScoped
public class SealedSecrets {
    private static final String FORMAT = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private volatile SecretKeySpec key;

    public SealedSecrets(SatelliteConfig config) {
        this.keyFile = Path.of(config.dataDir()).resolve("secrets.key");
    }

    public String seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return FORMAT + Base64.getEncoder().encodeToString(nonce) + ":" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String open(String sealed) {
        String[] parts = sealed.startsWith(FORMAT) ? sealed.substring(FORMAT.length()).split(":") : new String[0];
        if (parts.length != 2) {
            throw new IllegalStateException("A sealed secret in the database is not in a known format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, Base64.getDecoder().decode(parts[0])));
            return new String(cipher.doFinal(Base64.getDecoder().decode(parts[1])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A sealed secret cannot be opened with " + keyFile
                    + " (was the data directory's secrets.key replaced?)");
        }
    }

    private synchronized SecretKeySpec key() {
        if (key == null) {
            try {
                if (!Files.exists(keyFile)) {
                    byte[] fresh = new byte[32];
                    RANDOM.nextBytes(fresh);
                    SecretFiles.writeOwnerOnly(keyFile, Base64.getEncoder().encodeToString(fresh) + "\n");
                }
                key = new SecretKeySpec(Base64.getDecoder().decode(Files.readString(keyFile).trim()), "AES");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read or create " + keyFile, e);
            }
        }
        return key;
    }
}
