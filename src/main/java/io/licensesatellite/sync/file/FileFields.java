package io.licensesatellite.sync.file;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One mapping of a parsed file, read field by field with the types docs/sync.md gives. Keys the format does not
 * name are refused when the mapping is opened, so a misspelt optional field is never silently ignored.
 */
final class FileFields {
    private final Map<String, Object> values;
    /** Where this mapping is: built from these only for a message, since a full request has millions of fields. */
    private final FileFields parent;
    private final String key;
    private final int index;

    private FileFields(Map<String, Object> values, FileFields parent, String key, int index, Set<String> known) {
        this.values = values;
        this.parent = parent;
        this.key = key;
        this.index = index;
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new ModelViolation(at(name), "unknown field");
            }
        }
    }

    static FileFields root(Object document, Set<String> known) {
        if (!(document instanceof Map<?, ?>)) {
            throw new ModelViolation("", "a sync file is a YAML mapping (format, kind, ...), not " + describe(document));
        }
        return new FileFields(asMap(document), null, "", -1, known);
    }

    private String path() {
        if (parent == null) {
            return "";
        }
        return index < 0 ? parent.at(key) : parent.at(key) + "[" + index + "]";
    }

    String at(String name) {
        String path = path();
        return path.isEmpty() ? name : path + "." + name;
    }

    String string(String key) {
        Object value = required(key);
        return value instanceof String s ? s : string(value, at(key));
    }

    String optionalString(String key) {
        Object value = values.get(key);
        return value == null || value instanceof String ? (String) value : string(value, at(key));
    }

    long integer(String key) {
        Object value = required(key);
        return value instanceof Long l ? l : integer(value, at(key));
    }

    Long optionalInteger(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        return integer(value, at(key));
    }

    int smallInteger(String key) {
        long value = integer(key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ModelViolation(at(key), "must be at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    boolean bool(String key) {
        Object value = required(key);
        if (!(value instanceof Boolean b)) {
            throw new ModelViolation(at(key), "expected true or false, found " + describe(value));
        }
        return b;
    }

    /** {@code "2026-11-23T10:15:30Z"}: UTC, whole seconds, nothing else (no offset, no fraction, no leap second). */
    Instant instant(String key) {
        return instant(string(key), key);
    }

    Instant optionalInstant(String key) {
        String value = optionalString(key);
        return value == null ? null : instant(value, key);
    }

    LocalDate optionalDate(String key) {
        String value = optionalString(key);
        if (value == null) {
            return null;
        }
        if (!matches(value, "dddd-dd-dd")) {
            throw new ModelViolation(at(key), "expected a date like \"2027-03-31\", found \"" + Excerpt.of(value, 40) + "\"");
        }
        try {
            return LocalDate.of(number(value, 0, 4), number(value, 5, 7), number(value, 8, 10));
        } catch (DateTimeException e) {
            throw new ModelViolation(at(key), "\"" + value + "\" is not a calendar date");
        }
    }

    /** One of the words the format defines for this field, as written in the file. */
    String word(String key, Set<String> allowed) {
        String value = string(key);
        if (!allowed.contains(value)) {
            throw new ModelViolation(at(key), "must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ", found \"" + Excerpt.of(value, 40) + "\"");
        }
        return value;
    }

    FileFields mapping(String key, Set<String> known) {
        Object value = required(key);
        if (!(value instanceof Map<?, ?>)) {
            throw new ModelViolation(at(key), "expected a mapping, found " + describe(value));
        }
        return new FileFields(asMap(value), this, key, -1, known);
    }

    <T> List<T> mappings(String key, Set<String> known, Function<FileFields, T> item) {
        List<?> list = list(key);
        List<T> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object value = list.get(i);
            if (!(value instanceof Map<?, ?>)) {
                throw new ModelViolation(at(key) + "[" + i + "]", "expected a mapping, found " + describe(value));
            }
            result.add(item.apply(new FileFields(asMap(value), this, key, i, known)));
        }
        return result;
    }

    /** An optional list of mappings: absent or null reads as empty (sections newer files may carry). */
    <T> List<T> optionalMappings(String key, Set<String> known, Function<FileFields, T> item) {
        if (values.get(key) == null) {
            return List.of();
        }
        return mappings(key, known, item);
    }

    /** A list of integers, each at least {@code min}. */
    List<Long> integers(String key, long min) {
        List<?> list = list(key);
        List<Long> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object value = list.get(i);
            if (!(value instanceof Long l) || l < min) {
                throw new ModelViolation(at(key) + "[" + i + "]", "expected an integer of " + min + " or more, found " + describe(value));
            }
            result.add(l);
        }
        return result;
    }

    List<String> strings(String key) {
        List<?> list = list(key);
        List<String> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object value = list.get(i);
            if (!(value instanceof String s)) {
                throw new ModelViolation(at(key) + "[" + i + "]", value == null ? "required" : "expected a string, found " + describe(value));
            }
            result.add(s);
        }
        return result;
    }

    private List<?> list(String key) {
        Object value = required(key);
        if (!(value instanceof List<?> list)) {
            throw new ModelViolation(at(key), "expected a list, found " + describe(value));
        }
        return list;
    }

    private Object required(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new ModelViolation(at(key), "required");
        }
        return value;
    }

    private static String string(Object value, String path) {
        if (!(value instanceof String s)) {
            throw new ModelViolation(path, "expected a string, found " + describe(value));
        }
        return s;
    }

    private static long integer(Object value, String path) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof BigInteger) {
            throw new ModelViolation(path, "the integer is too large");
        }
        throw new ModelViolation(path, "expected an integer, found " + describe(value));
    }

    private Instant instant(String value, String key) {
        if (!matches(value, "dddd-dd-ddTdd:dd:ddZ")) {
            throw new ModelViolation(at(key), "expected a UTC instant in whole seconds like \"2026-11-23T10:15:30Z\", found \""
                    + Excerpt.of(value, 40) + "\"");
        }
        try {
            return LocalDateTime.of(number(value, 0, 4), number(value, 5, 7), number(value, 8, 10), number(value, 11, 13),
                    number(value, 14, 16), number(value, 17, 19)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new ModelViolation(at(key), "\"" + value + "\" is not a valid date and time");
        }
    }

    /** {@code d} in the pattern stands for an ASCII digit; every other character must match itself. */
    private static boolean matches(String value, String pattern) {
        if (value.length() != pattern.length()) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = value.charAt(i);
            char p = pattern.charAt(i);
            if (p == 'd' ? c < '0' || c > '9' : c != p) {
                return false;
            }
        }
        return true;
    }

    private static int number(String value, int from, int to) {
        return Integer.parseInt(value, from, to, 10);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "a string \"" + Excerpt.of(s, 40) + "\"";
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return "an integer " + value;
        }
        if (value instanceof Boolean) {
            return "a boolean " + value;
        }
        return value instanceof List<?> ? "a list" : "a mapping";
    }
}
