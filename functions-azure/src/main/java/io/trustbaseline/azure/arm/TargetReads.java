package io.trustbaseline.azure.arm;

import io.trustbaseline.core.report.CallMeter;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The resource a reconcile on this thread last read or wrote, so its settings plan from the target's own read rather
 * than a second GET, and verify from what the write answered (the final state: an LRO's final GET, a PATCH's 200
 * body) rather than a third. Every reconcile starts by describing its target, which replaces what is held, so a
 * reconcile never sees another's resource; a call for any other resource reads afresh.
 */
final class TargetReads {
    private record Held(String id, Object resource) { }

    private static final ThreadLocal<Held> HELD = new ThreadLocal<>();

    private TargetReads() {
    }

    /** The target's own read, at the start of its reconcile: held whether it succeeds or not (then nothing is). */
    static <T> T describe(String id, Supplier<T> read) {
        HELD.remove();
        T resource = read.get();
        HELD.set(new Held(id, resource));
        return resource;
    }

    /**
     * What was last read or written of {@code id} on this thread, if it is the target being reconciled: a port call it
     * answers sends no request, and its meter says so.
     */
    static <T> Optional<T> held(String id, Class<T> type) {
        Optional<T> found = holding(id, type);
        found.ifPresent(r -> CallMeter.current().answeredWithoutRequest());
        return found;
    }

    private static <T> Optional<T> holding(String id, Class<T> type) {
        Held held = HELD.get();
        return held != null && held.id().equalsIgnoreCase(id) && type.isInstance(held.resource())
                ? Optional.of(type.cast(held.resource())) : Optional.empty();
    }

    /** The write's answer replaces the held read, when the write was to the target being reconciled; else nothing is held. */
    static <T> T written(String id, T resource) {
        if (holding(id, Object.class).isPresent() && resource != null) {
            HELD.set(new Held(id, resource));
        } else {
            HELD.remove();
        }
        return resource;
    }
}
