package io.trustbaseline.core;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the functions' app settings (environment variables): trimmed, a blank one counts as unset. */
public final class AppSettings {
    private AppSettings() { }

    public static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A comma-separated list, such as {@code SWEEP_REGIONS=eu-west-1, eu-central-1}; empty when unset. */
    public static List<String> list(Map<String, String> env, String name) {
        return value(env, name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public static boolean flag(Map<String, String> env, String name) {
        return value(env, name).map(Boolean::parseBoolean).orElse(false);
    }
}
