package org.dialogs.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name=value} options of a benchmark, with defaults. */
record BenchmarkOptions(Map<String, String> values) {

    static BenchmarkOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return new BenchmarkOptions(values);
    }

    int integer(String name, int defaultValue) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "")) : defaultValue;
    }

    /** The options meant for the service under test ({@code --spring.*}, {@code --message-writer.*}), as given. */
    List<String> passThrough() {
        return values.entrySet().stream()
                .filter(e -> e.getKey().startsWith("spring.") || e.getKey().startsWith("message-writer."))
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).sorted().toList();
    }

    String text(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }
}
