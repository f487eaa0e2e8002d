package io.trustbaseline.core.sweep;

import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A sweep's results in the {@link ResultsStore}, aggregated rather than held. Each worker invocation writes the
 * reports of its sweep work as one JSON Lines object in the sweep's partition (objects cannot be appended to, and
 * one object per invocation keeps writes to one per batch); the launch writes {@code _launch.json} and points
 * {@code sweeps/latest.json} at it. A summarizer then reads the partition once, report by report, into a
 * {@link SweepTally}: no invocation holds a sweep's reports, and the summary is as small at N = 10,000 as at 10.
 * In the clouds each sweep first summarizes the one before it (whose work has long drained); locally the command
 * summarizes once the queue is empty.
 */
public final class SweepResults {
    private final ResultsStore store;
    private final Clock clock;

    public SweepResults(ResultsStore store) {
        this(store, Clock.systemUTC());
    }

    public SweepResults(ResultsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records a launch and makes it the latest sweep. */
    public void launched(SweepLaunch launch) {
        store.put(launch.partition().launchKey(), launch.toJson());
        store.put(SweepPartition.LATEST, Json.MAPPER.createObjectNode().put("launch", launch.partition().launchKey()).toString());
    }

    /**
     * One worker invocation's reports of {@code partition}'s work, as one JSON Lines object named by when it was
     * written (then a random part), so that a partition's objects sort oldest first.
     */
    public void record(SweepPartition partition, List<Report> reports) {
        if (reports.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        reports.forEach(r -> lines.append(r.toJson()).append('\n'));
        store.put(partition.prefix() + String.format("%013d", clock.millis()) + "-" + UUID.randomUUID() + ".jsonl",
                lines.toString());
    }

    /** The latest sweep's launch, if any sweep was launched into this store. */
    public Optional<SweepLaunch> latest() {
        return store.get(SweepPartition.LATEST)
                .map(pointer -> tree(pointer).path("launch").asText())
                .flatMap(store::get)
                .map(SweepLaunch::fromJson);
    }

    /** Reads every report of {@code launch}'s partition into its summary. */
    public SweepSummary summarize(SweepLaunch launch) {
        long started = System.nanoTime();
        SweepTally tally = new SweepTally();
        forEachReport(launch, tally::add);
        return tally.summary(launch, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Hands each report of {@code launch}'s partition to {@code consumer}, one object of the store at a time, the
     * latest written first: where a request id was reported twice (a message delivered again, a sweep launched again
     * under the same id), the summary's first-seen report is the latest state.
     */
    public void forEachReport(SweepLaunch launch, Consumer<Report> consumer) {
        List<String> keys = new ArrayList<>(store.keys(launch.partition().prefix()));
        keys.sort(Comparator.reverseOrder());
        for (String key : keys) {
            if (!key.endsWith(".jsonl")) {
                continue;
            }
            store.get(key).ifPresent(text -> text.lines().filter(l -> !l.isBlank())
                    .forEach(line -> consumer.accept(report(key, line))));
        }
    }

    private static Report report(String key, String line) {
        try {
            return Json.MAPPER.readValue(line, Report.class);
        } catch (IOException e) {
            throw new UncheckedIOException(key + ": a line that is not a report", e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("sweeps/latest.json is not JSON", e);
        }
    }
}
