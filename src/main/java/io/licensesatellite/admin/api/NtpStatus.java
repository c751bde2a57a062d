package io.licensesatellite.admin.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Whether the host's clock is synchronised, as systemd's {@code timedatectl} reports it. Device authorisation
 * depends on the satellite's clock (a device refuses answers an hour off), so the console shows it; where the
 * question cannot be asked (a container, no systemd) the answer is "unknown", never a failure.
 */
@ApplicationScoped
public class NtpStatus {
    static final long TIMEOUT_MS = 1_500;

    /** @param synchronized_ null when unknown */
    public record Answer(Boolean synchronized_, String source) {}

    public Answer ask() {
        Process process;
        try {
            process = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Answer(null, "unknown");
        }
        try {
            if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Answer(null, "unknown");
            }
            String out = new String(process.getInputStream().readNBytes(64), StandardCharsets.US_ASCII).strip();
            if (process.exitValue() != 0) {
                return new Answer(null, "unknown");
            }
            return switch (out) {
                case "yes" -> new Answer(true, "timedatectl");
                case "no" -> new Answer(false, "timedatectl");
                default -> new Answer(null, "unknown");
            };
        } catch (IOException e) {
            return new Answer(null, "unknown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Answer(null, "unknown");
        }
    }
}
