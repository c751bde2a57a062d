package io.licensesatellite.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The simulator's command line: a command, {@code --name value} options (some repeatable) and flags. */
final class SimulatorArguments {
    static final Set<String> FLAGS = Set.of("force", "insecure", "help");
    static final Set<String> VALUED = Set.of("url", "token", "pid", "serial", "devices", "concurrency", "tag",
            "duration", "state-dir", "ca", "transport", "port", "username", "password-file", "file", "polls",
            "poll-every");

    final String command;
    private final Map<String, List<String>> values;
    private final Set<String> flags;

    private SimulatorArguments(String command, Map<String, List<String>> values, Set<String> flags) {
        this.command = command;
        this.values = values;
        this.flags = flags;
    }

    static SimulatorArguments parse(String[] args) {
        String command = null;
        Map<String, List<String>> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h")) {
                flags.add("help");
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (FLAGS.contains(name) && inline == null) {
                    flags.add(name);
                } else if (VALUED.contains(name)) {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--" + name + " needs a value");
                        }
                        value = args[++i];
                    }
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            } else if (command == null) {
                command = arg;
            } else {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
        }
        return new SimulatorArguments(command, values, flags);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> value(String name) {
        List<String> list = values.get(name);
        if (list == null) {
            return Optional.empty();
        }
        if (list.size() > 1) {
            throw new IllegalArgumentException("--" + name + " given more than once");
        }
        return Optional.of(list.get(0));
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    int positiveInt(String name, int fallback) {
        Optional<String> value = value(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number of at least 1, not '" + value.get() + "'");
        }
    }

    /** Options that make no sense for the command are refused rather than silently ignored. */
    void allowOnly(Set<String> allowed) {
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("--" + name + " does not apply to '" + command + "'");
            }
        }
        for (String name : flags) {
            if (!allowed.contains(name) && !name.equals("help")) {
                throw new IllegalArgumentException("--" + name + " does not apply to '" + command + "'");
            }
        }
    }
}
