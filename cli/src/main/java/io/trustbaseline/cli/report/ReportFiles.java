package io.trustbaseline.cli.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the reports in what the user points at: report JSON files, the output of {@code trust-baseline run} (a
 * report, an Event Grid array of them, an SQS response's {@code reports}), JSON Lines such as a sweep's results
 * store, and directories of these (read in name order). Reports keep the order they were given in: later ones are
 * newer.
 */
public final class ReportFiles {
    /** Fields a wrapper (a results store's record) may use to say when its report was made. */
    private static final List<String> TIME_FIELDS = List.of("at", "time", "timestamp", "recordedAt", "completedAt");

    private ReportFiles() { }

    /** One report found: where it came from (file, line) and when it was recorded, if its wrapper says. */
    public record Found(String source, String recordedAt, JsonNode report) { }

    public static List<Found> read(List<Path> paths) {
        List<Found> out = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".jsonl"))
                            .sorted()
                            .forEach(f -> out.addAll(readFile(f)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                List<Found> found = readFile(path);
                if (found.isEmpty()) {
                    throw new IllegalArgumentException(path + " holds no report (an object with requestId and status)");
                }
                out.addAll(found);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
        }
        return out;
    }

    /** Every JSON value in the file, one after another: a single document, or JSON Lines. */
    private static List<Found> readFile(Path file) {
        List<Found> out = new ArrayList<>();
        try (MappingIterator<JsonNode> values = Json.MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
            int number = 0;
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                number++;
                collect(value, number == 1 && !values.hasNextValue() ? file.toString() : file + "#" + number, null, out);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(file + (at == null ? "" : " line " + at.getLineNr()) + " is not JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    private static void collect(JsonNode node, String source, String recordedAt, List<Found> out) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, source, recordedAt, out));
        } else if (node.isObject()) {
            if (node.hasNonNull("requestId") && node.path("status").isTextual() && !node.has("batchItemFailures")) {
                out.add(new Found(source, recordedAt, node));
                return;
            }
            String at = TIME_FIELDS.stream().map(node::path).filter(JsonNode::isTextual).map(JsonNode::textValue)
                    .findFirst().orElse(recordedAt);
            node.forEach(child -> collect(child, source, at, out));
        }
    }
}
