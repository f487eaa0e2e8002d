package io.trustbaseline.core.port;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The port implementations one process offers, by interface. A cloud module registers its adapters once per
 * process; settings ask for the port they need.
 */
public final class Ports {
    private final Map<Class<?>, Object> byType;

    private Ports(Map<Class<?>, Object> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static Builder builder() { return new Builder(); }

    public <P> P get(Class<P> type) {
        Object port = byType.get(type);
        if (port == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " is configured in this function");
        }
        return type.cast(port);
    }

    public boolean has(Class<?> type) { return byType.containsKey(type); }

    public static final class Builder {
        private final Map<Class<?>, Object> byType = new LinkedHashMap<>();

        public <P> Builder add(Class<P> type, P implementation) {
            byType.put(type, type.cast(implementation));
            return this;
        }

        public Builder addAll(Ports other) {
            byType.putAll(other.byType);
            return this;
        }

        public Ports build() { return new Ports(byType); }
    }
}
