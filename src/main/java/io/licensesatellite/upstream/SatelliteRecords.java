package io.licensesatellite.upstream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The satellite records, one JSON file each under {@code satellites/}, written atomically. */
final class SatelliteRecords {
    /** Satellite ids become file names: only these characters, so no id can reach outside the directory. */
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path dir;

    SatelliteRecords(Path stateDir) {
        this.dir = stateDir.resolve("satellites");
    }

    Optional<SatelliteRecord> find(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(id + ".json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    void save(SatelliteRecord record) {
        Path file = dir.resolve(record.id() + ".json");
        try {
            StateFiles.writeSecret(file, JSON.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every record, by satellite name then id. */
    List<SatelliteRecord> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<SatelliteRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                records.add(read(file));
            }
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        records.sort(Comparator.comparing(SatelliteRecord::name).thenComparing(SatelliteRecord::id));
        return records;
    }

    private static SatelliteRecord read(Path file) {
        try {
            return JSON.readValue(file.toFile(), SatelliteRecord.class);
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
