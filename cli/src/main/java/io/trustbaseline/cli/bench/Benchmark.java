package io.trustbaseline.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.cli.Invocation;
import io.trustbaseline.cli.WorldScope;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.localcloud.CallLog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The figures of the README's Performance section, printed as a table (and optionally written as JSON):
 * calls per event, warm time per event, cold start, package sizes. Run from the repository root:
 * {@code java -cp cli/target/trust-baseline.jar io.trustbaseline.cli.bench.Benchmark [--json FILE]
 * [--iterations N] [--warmup N] [--cold-samples N]} ({@code --iterations 0} leaves out the warm times). Figures
 * are printed, never compared with a threshold; the one
 * check is a correctness one: a second run of an event must write nothing (exit 1 if it does).
 */
public final class Benchmark {
    private static final String USAGE = "usage: Benchmark [--json FILE] [--iterations N] [--warmup N] [--cold-samples N]";
    private static final int WRAP = 112;

    private final PrintStream out;
    private final Path root;
    private final Path samples;
    private final int iterations;
    private final int warmup;
    private final int coldSamples;
    private final ObjectNode summary = Json.MAPPER.createObjectNode();
    private final List<String> problems = new ArrayList<>();

    private Benchmark(PrintStream out, Path root, int iterations, int warmup, int coldSamples) {
        this.out = out;
        this.root = root;
        this.samples = root.resolve("events-samples");
        this.iterations = iterations;
        this.warmup = warmup;
        this.coldSamples = coldSamples;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new TreeMap<>(Map.of("--iterations", "20", "--warmup", "3", "--cold-samples", "5"));
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i]) && !args[i].equals("--json") || i + 1 >= args.length) {
                usage();
            }
            options.put(args[i], args[i + 1]);
        }
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("events-samples/world.json"))) {
            System.err.println("Benchmark: run it from the repository root (no events-samples/world.json here)");
            System.exit(2);
        }
        Benchmark benchmark = new Benchmark(System.out, root, count(options, "--iterations", 0),
                count(options, "--warmup", 0), count(options, "--cold-samples", 1));
        boolean correct = benchmark.run();
        if (options.containsKey("--json")) {
            Path json = Path.of(options.get("--json"));
            Path parent = json.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(benchmark.summary) + "\n");
            System.out.println("JSON summary written to " + json);
        }
        System.exit(correct ? 0 : 1);
    }

    /** All four sections; false when a second run wrote. */
    private boolean run() {
        long started = System.nanoTime();
        out.printf("trust-baseline benchmark  (Java %s, %d cores, %s; the cloud is the local cloud on loopback)%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"));
        summary.put("java", Runtime.version().toString()).put("cores", Runtime.getRuntime().availableProcessors());
        Baseline baseline = new BaselineLoader(Catalog.standard()).load(samples.resolve("baseline.yaml"));
        try (Replay replay = Replay.start(samples, baseline)) {
            callsPerEvent(replay);
            if (iterations > 0) {
                timePerEvent(replay);
            }
            WorldScope scope = WorldScope.of(replay.session().world());
            coldStart(new ColdStarts(replay, samples, scope.awsAccount(), scope.awsHomeRegion()));
        }
        packageSizes();
        out.println();
        if (problems.isEmpty()) {
            out.println("check: every second run wrote nothing");
        } else {
            out.println("check FAILED: a second run must only read");
            problems.forEach(p -> out.println("  " + p));
        }
        out.printf("benchmark finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
        summary.put("secondRunsWriteNothing", problems.isEmpty());
        return problems.isEmpty();
    }

    private void callsPerEvent(Replay replay) {
        section("1. Calls per event", "the local cloud's CallLog: every HTTP request the SDK clients sent, on a fresh"
                + " demo world; the report's own count beside it");
        out.printf("   %-34s %-10s %6s %7s  %s%n", "event", "status", "reads", "writes", "report r/w");
        ArrayNode rows = summary.putArray("callsPerEvent");
        for (Scenario scenario : Scenario.all()) {
            replay.prepare(scenario);
            Invocation invocation = replay.invoke(scenario);
            List<CallLog.Call> calls = replay.calls().calls();
            long writes = calls.stream().filter(CallLog.Call::write).count();
            String status = Status.rollUp(invocation.reports().stream().map(Report::status).toList()).id();
            long reportedReads = invocation.reports().stream().mapToLong(r -> r.calls().reads()).sum();
            long reportedWrites = invocation.reports().stream().mapToLong(r -> r.calls().writes()).sum();
            out.printf("   %-34s %-10s %6d %7d  %d/%d%n", scenario.name(), status, calls.size() - writes, writes,
                    reportedReads, reportedWrites);
            Map<String, Integer> reads = perApi(calls, false);
            Map<String, Integer> written = perApi(calls, true);
            wrap("reads:  ", reads).forEach(out::println);
            wrap("writes: ", written).forEach(out::println);
            ObjectNode row = rows.addObject().put("event", scenario.name()).put("sample", scenario.sample())
                    .put("secondRun", scenario.secondRun()).put("status", status)
                    .put("reads", calls.size() - writes).put("writes", writes);
            row.set("readsPerApi", Json.MAPPER.valueToTree(reads));
            row.set("writesPerApi", Json.MAPPER.valueToTree(written));
            row.put("reportedReads", reportedReads).put("reportedWrites", reportedWrites);
            // A sweep records its reports in its own results store (S3) on every run, by design: only writes to the
            // targets' clouds break idempotency.
            Map<String, Integer> targetWrites = new java.util.TreeMap<>(written);
            targetWrites.keySet().removeIf(api -> api.startsWith("s3:"));
            if (scenario.secondRun() && !targetWrites.isEmpty()) {
                problems.add(scenario.name() + ": write(s) to the targets: " + targetWrites);
            }
        }
    }

    private void timePerEvent(Replay replay) {
        section("2. Time per event", "warm: runtime and SDK clients built once; " + warmup + " unmeasured + " + iterations
                + " measured runs, each on a fresh world; wall time of the entry point call");
        out.printf("   %-34s %9s %9s%n", "event", "median ms", "p95 ms");
        ArrayNode rows = summary.putArray("timePerEvent");
        for (Scenario scenario : Scenario.all()) {
            for (int i = 0; i < warmup; i++) {
                replay.prepare(scenario);
                replay.invoke(scenario);
            }
            double[] millis = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                replay.prepare(scenario);
                long start = System.nanoTime();
                replay.invoke(scenario);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            out.printf("   %-34s %9.1f %9.1f%n", scenario.name(), median(millis), p95(millis));
            rows.addObject().put("event", scenario.name()).put("iterations", iterations)
                    .put("medianMs", round(median(millis))).put("p95Ms", round(p95(millis)))
                    .put("minMs", round(millis[0])).put("maxMs", round(millis[iterations - 1]));
        }
    }

    private void coldStart(ColdStarts coldStarts) {
        section("3. Cold start", "a new JVM per sample (java -cp <cli jar>); " + coldSamples + " samples of each run,"
                + " interleaved; medians in ms from spawning the process; local-cloud latency, not cloud latency");
        ArrayNode archives = summary.putArray("appCdsArchives");
        Map<ColdStarts.EntryPoint, Path> archive = new java.util.LinkedHashMap<>();
        for (ColdStarts.EntryPoint entryPoint : List.of(ColdStarts.EKS, ColdStarts.AKS)) {
            Path file = root.resolve("target/cold-start/" + entryPoint.cloud() + ".jsa");
            long trainingMs = coldStarts.train(entryPoint, file);
            long bytes = size(file);
            out.printf("   AppCDS archive for %s: %s, %.1f MB, training run %d ms%n", entryPoint.name(),
                    root.relativize(file), bytes / 1e6, trainingMs);
            archives.addObject().put("entryPoint", entryPoint.name()).put("path", root.relativize(file).toString())
                    .put("bytes", bytes).put("trainingMs", trainingMs);
            archive.put(entryPoint, file);
        }
        List<ColdStarts.Run> runs = new ArrayList<>();
        runs.add(new ColdStarts.Run("hello world", null, List.of()));
        for (ColdStarts.EntryPoint entryPoint : List.of(ColdStarts.EKS, ColdStarts.AKS)) {
            String cds = "-XX:SharedArchiveFile=" + archive.get(entryPoint);
            runs.add(new ColdStarts.Run(entryPoint.name() + ", plain", entryPoint, List.of()));
            runs.add(new ColdStarts.Run("  with AppCDS", entryPoint, List.of(cds)));
            runs.add(new ColdStarts.Run("  with AppCDS + C1", entryPoint, List.of(cds, ColdStarts.C1)));
        }
        runs.add(new ColdStarts.Run(ColdStarts.EKS_PRIMED.name() + " (SnapStart stand-in)", ColdStarts.EKS_PRIMED, List.of()));
        Map<ColdStarts.Run, List<ColdStarts.Sample>> taken = new java.util.LinkedHashMap<>();
        for (int i = 0; i < coldSamples; i++) {
            for (ColdStarts.Run run : runs) {
                taken.computeIfAbsent(run, r -> new ArrayList<>()).add(coldStarts.measure(run));
            }
        }
        long hello = statistic(taken.get(runs.get(0)), ColdStarts.Sample::exitMs, "median");
        out.printf("   %-52s %5s %8s %7s %7s %6s %8s %8s%n", "run", "main", "runtime", "primed", "report", "exit",
                "x hello", "primed->report");
        ArrayNode rows = summary.putArray("coldStart");
        for (ColdStarts.Run run : runs) {
            List<ColdStarts.Sample> samples = taken.get(run);
            long main = statistic(samples, ColdStarts.Sample::mainMs, "median");
            long runtime = statistic(samples, ColdStarts.Sample::runtimeMs, "median");
            long primed = statistic(samples, ColdStarts.Sample::primedMs, "median");
            long report = statistic(samples, ColdStarts.Sample::reportMs, "median");
            long exit = statistic(samples, ColdStarts.Sample::exitMs, "median");
            long afterPriming = statistic(samples, s -> s.reportMs() - s.primedMs(), "median");
            boolean primedRun = run.entryPoint() == ColdStarts.EKS_PRIMED;
            ObjectNode row = rows.addObject().put("run", run.name().strip()).put("samples", samples.size())
                    .put("status", samples.get(0).status()).put("exitMs", exit)
                    .put("exitOverHelloWorld", Math.round(100.0 * exit / hello) / 100.0);
            row.set("jvmOptions", Json.MAPPER.valueToTree(run.jvmOptions()));
            if (run.helloWorld()) {
                out.printf("   %-52s %5s %8s %7s %7s %6d %8s%n", run.name(), "", "", "", "", exit, "1.0");
                continue;
            }
            row.put("mainMs", main).put("runtimeBuiltMs", runtime).put("firstReportMs", report);
            if (primedRun) {
                row.put("primedMs", primed).put("primedToReportMs", afterPriming)
                        .put("primedToReportOverHelloWorld", Math.round(100.0 * afterPriming / hello) / 100.0);
            }
            out.printf("   %-52s %5d %8d %7s %7d %6d %8.1f %8s%n", run.name(), main, runtime, primedRun ? primed : "",
                    report, exit, (double) exit / hello, primedRun ? afterPriming + String.format(" (%.1fx)", (double) afterPriming / hello) : "");
        }
        out.println("   x hello = exit ÷ hello world's exit (whole processes). primed->report: handling the event after"
                + " the priming in the same JVM, the stand-in for SnapStart's first event after a restore (the restore"
                + " itself is not measured here)");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void packageSizes() {
        section("4. Package sizes", "MB = 10^6 bytes");
        ArrayNode rows = summary.putArray("packageSizes");
        for (PackageSizes.Size size : PackageSizes.measure(root)) {
            String figure = size.bytes().map(b -> String.format("%8.1f MB", b / 1e6)).orElse("not built")
                    + size.libBytes().map(b -> String.format("  (lib/ %.1f MB)", b / 1e6)).orElse("");
            out.printf("   %-30s %s  %s%n", size.name(), figure, size.path());
            ObjectNode row = rows.addObject().put("artifact", size.name()).put("path", size.path());
            size.bytes().ifPresentOrElse(b -> row.put("bytes", b), () -> row.putNull("bytes"));
            size.libBytes().ifPresent(b -> row.put("libBytes", b));
        }
    }

    private void section(String title, String meaning) {
        out.println();
        out.println(title + "  (" + meaning + ")");
    }

    /** Calls of one kind (reads or writes) per API, sorted by name. */
    private static Map<String, Integer> perApi(List<CallLog.Call> calls, boolean writes) {
        Map<String, Integer> counts = new TreeMap<>();
        calls.stream().filter(c -> c.write() == writes).forEach(c -> counts.merge(c.api(), 1, Integer::sum));
        return counts;
    }

    /** {@code api×n, …} in lines of at most {@link #WRAP} characters under the table row; nothing when empty. */
    private static List<String> wrap(String label, Map<String, Integer> counts) {
        List<String> lines = new ArrayList<>();
        String indent = "        ";
        StringBuilder line = new StringBuilder(indent + label);
        int entries = 0;
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            String item = count.getKey() + "×" + count.getValue() + (++entries < counts.size() ? "," : "");
            if (line.length() + item.length() + 1 > WRAP && line.length() > indent.length() + label.length()) {
                lines.add(line.toString());
                line = new StringBuilder(indent + " ".repeat(label.length()));
            }
            line.append(line.charAt(line.length() - 1) == ' ' ? "" : " ").append(item);
        }
        if (!counts.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static long statistic(List<ColdStarts.Sample> samples, ToLongFunction<ColdStarts.Sample> field, String which) {
        long[] values = samples.stream().mapToLong(field).sorted().toArray();
        return which.equals("min") ? values[0] : Math.round(median(Arrays.stream(values).asDoubleStream().toArray()));
    }

    /** Of sorted values. */
    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Of sorted values, by nearest rank: the smallest value that at least 95% of the runs are at or under. */
    private static double p95(double[] sorted) {
        return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    }

    private static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }

    private static int count(Map<String, String> options, String name, int least) {
        try {
            int value = Integer.parseInt(options.get(name));
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("Benchmark: " + name + " takes a whole number, at least " + least);
        return usage();
    }

    private static int usage() {
        System.err.println(USAGE);
        System.exit(2);
        return 0;
    }
}
