package io.licensesatellite.upstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The emulator's command line: {@code --state DIR <command> [--option value]...}. Options are refused when they do
 * not apply to the command, given twice when they may not be, or missing their value.
 */
final class UpstreamArguments {
    private static final Set<String> VALUED = Set.of("state", "name", "tls-name", "file", "smart-account",
            "virtual-account", "sync-url", "out", "host", "port", "satellite", "events", "client-id", "unenforced-perpetual",
            "unenforced-subscription", "enforced", "export", "polls-before-complete", "poll-interval");
    private static final Set<String> REPEATABLE = Set.of("tls-name", "virtual-account");

    final String command;
    final boolean help;
    private final Map<String, List<String>> values;

    private UpstreamArguments(String command, boolean help, Map<String, List<String>> values) {
        this.command = command;
        this.help = help;
        this.values = values;
    }

    static UpstreamArguments parse(String[] args) {
        String command = null;
        boolean help = false;
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (!VALUED.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
                if (!list.isEmpty() && !REPEATABLE.contains(name)) {
                    throw new IllegalArgumentException("--" + name + " given more than once");
                }
                list.add(value);
            } else if (command == null) {
                command = arg;
            } else {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
        }
        return new UpstreamArguments(command, help, values);
    }

    Optional<String> value(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    String required(String name) {
        return value(name).orElseThrow(() -> new IllegalArgumentException("'" + command + "' needs --" + name));
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    int integer(String name, int fallback, int min, int max) {
        Optional<String> value = value(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number from " + min + " to " + max
                    + ", not '" + value.get() + "'");
        }
    }

    /** Refuses options that make no sense for the command rather than silently ignoring them. */
    void allowOnly(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String name : values.keySet()) {
            if (!name.equals("state") && !ok.contains(name)) {
                throw new IllegalArgumentException("--" + name + " does not apply to '" + command + "'");
            }
        }
    }
}
