package org.jgateway.fault;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line of a {@link NodeMain}: a role followed by {@code --key value} pairs. */
final class NodeArgs {

    private final String role;
    private final Map<String, String> values = new HashMap<>();

    NodeArgs(String[] args) {
        if (args.length == 0 || args.length % 2 == 0) {
            throw new IllegalArgumentException("usage: <register|gateway|worker> [--key value]..., got "
                    + Arrays.toString(args));
        }
        role = args[0];
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --key, got " + args[i]);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
    }

    String role() {
        return role;
    }

    String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        String v = values.get(key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    /** A comma-separated list, e.g. {@code --register 127.0.0.1:1,127.0.0.1:2}. */
    List<String> list(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return List.of(v.split(","));
    }
}
