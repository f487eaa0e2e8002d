package io.trustbaseline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineSource;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.setting.Catalog;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** {@code trust-baseline run}: one payload through the entry point the cloud would call; the report on stdout. */
final class RunCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Path samples;

    RunCommand(PrintStream out, PrintStream err, Path samples) {
        this.out = out;
        this.err = err;
        this.samples = samples;
    }

    int run(Options options) {
        Path eventFile = options.existingFile("--event", null);
        String payload = read(eventFile);
        PayloadKind kind = detect(eventFile, payload);
        Baseline baseline = loadBaseline(options.existingFile("--baseline", samples.resolve("baseline.yaml").toString()));
        boolean dryRun = options.has("--dry-run");
        String cloud = options.value("--cloud", "local");
        if (cloud.equals("real")) {
            if (options.values().containsKey("--world") || options.values().containsKey("--dump-world")) {
                throw new UsageException("--world and --dump-world describe the local cloud; they do not go with --cloud real");
            }
            err.println("running " + kind.description() + " against the real clouds (default credentials)");
            return print(Launcher.real(baseline, dryRun, err).invoke(kind, payload));
        }
        if (!cloud.equals("local")) {
            throw new UsageException("--cloud must be local or real (was \"" + cloud + "\")");
        }
        try (LocalSession session = LocalSession.start(options.existingFile("--world", samples.resolve("world.json").toString()))) {
            err.println("running " + kind.description() + " against the local cloud at " + session.endpoint());
            int exit = print(Launcher.local(session, baseline, dryRun, workers(options), err).invoke(kind, payload));
            String dump = options.value("--dump-world", null);
            if (dump != null) {
                write(Path.of(dump), session.world().dump());
                err.println("world written to " + dump);
            }
            return exit;
        }
    }

    /** {@code --workers C}: how many queue workers drain a sweep's work in this process. */
    private static int workers(Options options) {
        String value = options.value("--workers", String.valueOf(Launcher.DEFAULT_WORKERS));
        try {
            int workers = Integer.parseInt(value);
            if (workers >= 1 && workers <= 256) {
                return workers;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--workers must be a whole number from 1 to 256 (was \"" + value + "\")");
    }

    private int print(Invocation invocation) {
        out.println(invocation.output());
        out.flush();
        return invocation.exitCode();
    }

    static PayloadKind detect(Path file, String payload) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new UsageException(file + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        return PayloadKind.detect(node).orElseThrow(() -> new UsageException(file + ": a payload of unknown kind;"
                + " expected an Event Grid or CloudEvents event, an EventBridge or SQS event, a queue message"
                + " ({\"input\": ...}), a timer or scheduled event, or a request (schemaVersion + target)"));
    }

    /** The baseline file loaded exactly as a function loads it from {@code TRUST_BASELINE_FILE}. */
    static Baseline loadBaseline(Path file) {
        try {
            return BaselineSource.load(Map.of(BaselineSource.FILE_VARIABLE, file.toString()), Catalog.standard());
        } catch (InvalidInputException e) {
            throw new UsageException(file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UsageException(file + ": cannot read the baseline ("
                    + (e.getCause() instanceof CharacterCodingException ? "not UTF-8 text" : e.getCause().getMessage()) + ")", e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UsageException("--dump-world: cannot write " + file
                    + (e instanceof NoSuchFileException ? ": its folder does not exist" : " (" + e.getMessage() + ")"), e);
        }
    }
}
