package io.trustbaseline.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.cli.Invocation;
import io.trustbaseline.cli.Launcher;
import io.trustbaseline.cli.LocalSession;
import io.trustbaseline.cli.PayloadKind;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.localcloud.CallLog;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The samples replayed through the real entry points ({@link Launcher#local}) against one local cloud whose world
 * is put back to the seed before each replay. The cloud keeps its port, so the runtimes and their SDK clients are
 * built once and stay warm across replays, as in a function instance.
 */
final class Replay implements AutoCloseable {
    private record Payload(PayloadKind kind, String json) { }

    private final Path samples;
    private final LocalSession session;
    private final Launcher launcher;
    private final ObjectNode seed;
    private final Map<String, Payload> payloads = new HashMap<>();

    private Replay(Path samples, LocalSession session, Launcher launcher) {
        this.samples = samples;
        this.session = session;
        this.launcher = launcher;
        this.seed = session.world().locked(ObjectNode::deepCopy);
    }

    /** The local cloud seeded with {@code samples/world.json}; the functions' own log lines are dropped. */
    static Replay start(Path samples, Baseline baseline) {
        LocalSession session = LocalSession.start(samples.resolve("world.json"));
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        return new Replay(samples, session, Launcher.local(session, baseline, false, quiet));
    }

    LocalSession session() { return session; }

    CallLog calls() { return session.cloud().calls(); }

    /** The world as world.json seeded it, and no calls counted. */
    void reset() {
        session.world().locked(root -> root.removeAll().setAll(seed.deepCopy()));
        calls().clear();
    }

    /** A fresh world, and for a second run the unmeasured first delivery: what {@link #invoke} then measures. */
    void prepare(Scenario scenario) {
        reset();
        if (scenario.secondRun()) {
            invoke(scenario);
            calls().clear();
        }
    }

    Invocation invoke(Scenario scenario) {
        Payload payload = payloads.computeIfAbsent(scenario.sample(), this::load);
        return launcher.invoke(payload.kind(), payload.json());
    }

    private Payload load(String sample) {
        try {
            String json = Files.readString(samples.resolve(sample));
            PayloadKind kind = PayloadKind.detect(Json.MAPPER.readTree(json))
                    .orElseThrow(() -> new IllegalArgumentException(sample + ": not a payload the command recognises"));
            return new Payload(kind, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + samples.resolve(sample), e);
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
