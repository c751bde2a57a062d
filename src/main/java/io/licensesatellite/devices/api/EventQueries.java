package io.licensesatellite.devices.api;

import io.licensesatellite.devices.DeviceEventType;
import io.licensesatellite.platform.SatelliteException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/** Reads the event-list query parameters, refusing values that are not one of the allowed ones. */
final class EventQueries {
    private EventQueries() {}

    static DeviceEventType type(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normal = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(DeviceEventType.values()).filter(t -> t.name().equals(normal)).findFirst()
                .orElseThrow(() -> SatelliteException.invalid("type", "one of " + Arrays.toString(DeviceEventType.values())));
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw SatelliteException.invalid(field, "an instant such as 2026-01-31T00:00:00Z");
        }
    }
}
