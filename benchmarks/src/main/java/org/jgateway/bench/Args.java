package org.jgateway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options as {@code --name value} or {@code --name=value}; a bare {@code --flag} means {@code true}.
 * Every option a scenario reads is recorded, so an unknown (misspelled) option can be reported instead of silently
 * running with a default.
 */
public final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> read = new ArrayList<>();

    private Args() {
    }

    public static Args parse(String[] argv, int from) {
        Args args = new Args();
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got '" + a + "'");
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                args.values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                args.values.put(name, argv[++i]);
            } else {
                args.values.put(name, "true");
            }
        }
        return args;
    }

    public static Args of(Map<String, String> values) {
        Args args = new Args();
        args.values.putAll(values);
        return args;
    }

    public String string(String name, String fallback) {
        read.add(name);
        return values.getOrDefault(name, fallback);
    }

    public String required(String name) {
        read.add(name);
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    public int integer(String name, int fallback) {
        String v = string(name, null);
        return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
    }

    public long longValue(String name, long fallback) {
        String v = string(name, null);
        return v == null ? fallback : Long.parseLong(v.replace("_", ""));
    }

    public double decimal(String name, double fallback) {
        String v = string(name, null);
        return v == null ? fallback : Double.parseDouble(v);
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(string(name, "false"));
    }

    /** Fails on options nobody read: call after the scenario has read all of its options. */
    public void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!read.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }

    /** These options with some overridden, for running a scenario several times with different settings. */
    public Args with(String... keyValues) {
        Args copy = new Args();
        copy.values.putAll(values);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            copy.values.put(keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }
}
