package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the command in-process, as {@code ./trust-baseline} would, with stdout and stderr captured. */
final class Cli {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The repository root: the folder holding events-samples/, found from the working directory up. */
    static final Path ROOT = findRoot();
    static final Path SAMPLES = ROOT.resolve("events-samples");
    private static final JsonSchema REPORT_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(read(SAMPLES.resolve("schema/report.schema.json")));

    private static final JsonSchema SWEEP_SUMMARY_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(read(SAMPLES.resolve("schema/sweep-summary.schema.json")));

    private Cli() { }

    /** What one command gave: its exit code, stdout and stderr. */
    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err, e);
            }
        }

        /** The reports inside the output: the output itself, an array of them, or an SQS response's {@code reports}. */
        List<JsonNode> reports() {
            JsonNode node = json();
            List<JsonNode> reports = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(reports::add);
            } else if (node.has("batchItemFailures")) {
                node.path("reports").forEach(reports::add);
            } else {
                reports.add(node);
            }
            return reports;
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = new Main(o, e, ROOT).run(args);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String sample(String relative) {
        Path file = SAMPLES.resolve(relative);
        assertTrue(Files.isRegularFile(file), () -> "no sample " + file);
        return file.toString();
    }

    static void assertValidReport(JsonNode report, String context) {
        Set<ValidationMessage> problems = REPORT_SCHEMA.validate(report);
        if (!problems.isEmpty()) {
            fail(context + ": the report does not follow report.schema.json: " + problems + "\n" + report.toPrettyString());
        }
    }

    static void assertValidSweepSummary(JsonNode summary, String context) {
        Set<ValidationMessage> problems = SWEEP_SUMMARY_SCHEMA.validate(summary);
        if (!problems.isEmpty()) {
            fail(context + ": the summary does not follow sweep-summary.schema.json: " + problems + "\n" + summary.toPrettyString());
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events-samples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no events-samples/ in the working directory or above it");
    }
}
