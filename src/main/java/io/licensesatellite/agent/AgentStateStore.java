package io.licensesatellite.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One JSON file per simulated device ({@code <serial>.json}) in a state directory, so that separate
 * command-line runs act as the same devices. Files are written owner-only (they hold the device key)
 * and replaced atomically.
 */
public final class AgentStateStore {
    private static final Pattern SAFE_SERIAL = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;

    public AgentStateStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Serial numbers become file names, so only a safe alphabet is accepted. */
    public static void checkSerial(String serialNumber) {
        if (serialNumber == null || !SAFE_SERIAL.matcher(serialNumber).matches() || serialNumber.startsWith(".")) {
            throw new IllegalArgumentException("serial number '" + serialNumber
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-' and not start with '.'");
        }
    }

    /** The serial numbers of the devices stored, sorted. */
    public List<String> serials() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.startsWith("."))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    Optional<AgentState> load(String serialNumber) {
        checkSerial(serialNumber);
        Path file = file(serialNumber);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), AgentState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read device state " + file + ": " + e.getMessage(), e);
        }
    }

    void save(AgentState state) {
        checkSerial(state.serialNumber);
        try {
            Files.createDirectories(directory);
            Path target = file(state.serialNumber);
            Path temp = posix()
                    ? Files.createTempFile(directory, "." + state.serialNumber, ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, "." + state.serialNumber, ".tmp");
            try {
                Files.write(temp, MAPPER.writeValueAsBytes(state));
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write device state to " + directory + ": " + e.getMessage(), e);
        }
    }

    private Path file(String serialNumber) {
        return directory.resolve(serialNumber + ".json");
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
