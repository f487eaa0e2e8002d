package io.trustbaseline.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local cloud's state, kept in the world-file format itself so that a dump is the state as it is.
 * Emulators read and change {@link #root()} only inside {@link #locked}; the server serialises their calls.
 */
public final class World {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root;
    private final List<Fault> faults = new ArrayList<>();
    private final long latencyMs;
    private final boolean enforcesPermissions;
    private final RateLimits rateLimits;
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();
    private volatile java.time.Instant startedAt = clock.instant();

    private World(ObjectNode root) {
        this.root = root;
        JsonNode faultList = root.path("faults");
        faultList.forEach(f -> faults.add(Fault.fromJson(f)));
        this.latencyMs = root.path("latencyMs").asLong(0);
        this.enforcesPermissions = !"unrestricted".equals(root.path("permissions").asText("deployment"));
        root.remove("faults");
        root.remove("latencyMs");
        this.rateLimits = new RateLimits(root.path("rateLimits"));
        root.remove("permissions");
        root.remove("rateLimits");
        root.withObject("/azure");
        root.withObject("/aws");
    }

    public static World empty() {
        return new World(JSON.createObjectNode());
    }

    public static World parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("world: the document must be a JSON object");
            }
            List<String> problems = WorldShape.problems(object);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("world: " + String.join("; ", problems));
            }
            return new World(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("world: not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static World load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("world: cannot read " + file, e);
        }
    }

    /** The live state. Only touch it inside {@link #locked}. */
    public ObjectNode root() { return root; }

    public synchronized <T> T locked(java.util.function.Function<ObjectNode, T> work) {
        return work.apply(root);
    }

    /** Adds a fault at run time (tests use this to inject throttling between two runs). */
    public synchronized void addFault(Fault fault) { faults.add(fault); }

    synchronized Fault takeFault(String api) {
        for (Fault f : faults) {
            if (f.consume(api)) {
                return f;
            }
        }
        return null;
    }

    long latencyMs() { return latencyMs; }

    RateLimits rateLimits() { return rateLimits; }

    /**
     * Whether calls are checked against the deployment's permissions ({@code "permissions": "deployment"}, the
     * default) or every call is allowed ({@code "unrestricted"}: an administrator, for exercising APIs the functions
     * never call).
     */
    public boolean enforcesPermissions() { return enforcesPermissions; }

    /** The time the emulators go by: the system clock, or one a test controls. */
    public java.time.Clock clock() { return clock; }

    /** Makes the emulators go by {@code clock} (tests move it instead of sleeping); delays count from its now. */
    public void useClock(java.time.Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /**
     * Whether {@code delayMs} has passed since the world began (on its clock): what {@code readyAfterMs} on a resource
     * and the other delays of the world file are counted from.
     */
    public boolean elapsed(long delayMs) {
        return !clock.instant().isBefore(startedAt.plusMillis(delayMs));
    }

    /** The state in the world-file format, with the faults that have not fired yet. */
    public synchronized String dump() {
        ObjectNode copy = root.deepCopy();
        ArrayNode left = copy.putArray("faults");
        for (Fault f : faults) {
            if (f.remaining() > 0) {
                ObjectNode n = left.addObject().put("api", f.api()).put("error", f.error()).put("times", f.remaining());
                if (f.status() != null) n.put("status", f.status());
                if (f.retryAfterSeconds() != null) n.put("retryAfterSeconds", f.retryAfterSeconds());
                if (f.afterApply()) n.put("afterApply", true);
            }
        }
        copy.put("latencyMs", latencyMs);
        copy.put("permissions", enforcesPermissions ? "deployment" : "unrestricted");
        if (!rateLimits.rates().isEmpty()) {
            rateLimits.rates().forEach(copy.putObject("rateLimits")::put);
        }
        try {
            return JSON.writeValueAsString(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
