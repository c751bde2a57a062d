package io.licensesatellite.upstream;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The file names of docs/sync.md: {@code <satellite>} is the satellite's name reduced to {@code [A-Za-z0-9._-]}. */
final class SyncFileNames {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private SyncFileNames() {}

    static String authorization(String satelliteName, String satelliteId) {
        return "license-satellite-authorization-" + satellite(satelliteName, satelliteId) + ".yml";
    }

    /** Pairs with the request: same satellite, day (of the request's creation) and sequence. */
    static String response(String satelliteName, String satelliteId, Instant requestCreatedAt, long sequence) {
        return "license-sync-response-" + satellite(satelliteName, satelliteId) + "_" + DAY.format(requestCreatedAt) + "-"
                + sequence + ".yml";
    }

    /** The name with every other character dropped; the id when nothing is left. */
    static String satellite(String satelliteName, String satelliteId) {
        String reduced = satelliteName == null ? "" : satelliteName.replaceAll("[^A-Za-z0-9._-]", "");
        return reduced.isEmpty() ? satelliteId : reduced;
    }
}
