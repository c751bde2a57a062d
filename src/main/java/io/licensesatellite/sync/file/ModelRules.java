package io.licensesatellite.sync.file;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The value rules of docs/sync.md ("Value formats") that hold for every kind, applied to records: by the reader
 * after mapping, and by the writer before writing, so that nothing written is refused when read back.
 */
final class ModelRules {
    static final int FORMAT = 1;
    private static final Instant FIRST_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

    private ModelRules() {}

    static void format(int format) {
        if (format > FORMAT) {
            throw new ModelViolation("", "format " + format + " is not supported by this satellite; upgrade it");
        }
        if (format != FORMAT) {
            throw new ModelViolation("", "format " + format + " is not a sync file format; expected " + FORMAT);
        }
    }

    static void required(String path, Object value) {
        if (value == null) {
            throw new ModelViolation(path, "required");
        }
    }

    static void sequence(String path, long value) {
        if (value < 1) {
            throw new ModelViolation(path, "must be 1 or more, found " + value);
        }
    }

    static void count(String path, long value) {
        if (value < 0) {
            throw new ModelViolation(path, "must be 0 or more, found " + value);
        }
    }

    /** Written as {@code yyyy-MM-ddTHH:mm:ssZ}: whole seconds, four-digit years. */
    static void instant(String path, Instant value, boolean optional) {
        if (value == null) {
            if (!optional) {
                throw new ModelViolation(path, "required");
            }
            return;
        }
        if (value.getNano() != 0) {
            throw new ModelViolation(path, "must be whole seconds, found " + value);
        }
        if (value.isBefore(FIRST_INSTANT) || value.isAfter(LAST_INSTANT)) {
            throw new ModelViolation(path, "must be between years 0000 and 9999, found " + value);
        }
    }

    static void date(String path, LocalDate value) {
        if (value != null && (value.getYear() < 0 || value.getYear() > 9999)) {
            throw new ModelViolation(path, "must be between years 0000 and 9999, found " + value);
        }
    }

    static void oneOf(String path, String value, Set<String> allowed) {
        required(path, value);
        if (!allowed.contains(value)) {
            throw new ModelViolation(path, "must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ", found \"" + Excerpt.of(value, 40) + "\"");
        }
    }

    /** Satellite ids are UUIDs in their canonical 8-4-4-4-12 hex form. */
    static void uuid(String path, String value) {
        required(path, value);
        boolean canonical = value.length() == 36;
        for (int i = 0; canonical && i < 36; i++) {
            char c = value.charAt(i);
            canonical = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : Character.digit(c, 16) >= 0 && c < 0x80;
        }
        if (!canonical) {
            throw new ModelViolation(path, "must be a UUID like \"6f1c2d7e-0b5a-4c3e-9f7d-2a1b3c4d5e6f\", found \""
                    + Excerpt.of(value, 40) + "\"");
        }
    }

    /** Lines that the reader keys by name (a VA, a tag, an id) appear once; the second one is refused. */
    static <T> void unique(String listPath, List<T> items, Function<T, Object> key, String field) {
        int n = items.size();
        if (n <= 8) {
            // Most lists are an instance's one to three licences: a set per list would cost more than it saves.
            for (int i = 1; i < n; i++) {
                Object value = key.apply(items.get(i));
                for (int j = 0; j < i; j++) {
                    if (value != null && value.equals(key.apply(items.get(j)))) {
                        throw duplicate(listPath, i, field, value);
                    }
                }
            }
            return;
        }
        Set<Object> seen = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            Object value = key.apply(items.get(i));
            if (value != null && !seen.add(value)) {
                throw duplicate(listPath, i, field, value);
            }
        }
    }

    private static ModelViolation duplicate(String listPath, int index, String field, Object value) {
        return new ModelViolation(listPath + "[" + index + "]" + (field.isEmpty() ? "" : "." + field),
                "duplicate \"" + Excerpt.of(String.valueOf(value), 40) + "\"");
    }

    /**
     * The path of a field in a list item, for the checks that run once per instance or event of a full request:
     * they build it only when a value is refused, not for every value that passes.
     */
    static String path(String list, int index, String field) {
        return list + "[" + index + "]" + field;
    }

    static <T> void requiredList(String path, List<T> items) {
        required(path, items);
        for (int i = 0; i < items.size(); i++) {
            required(path + "[" + i + "]", items.get(i));
        }
    }
}
