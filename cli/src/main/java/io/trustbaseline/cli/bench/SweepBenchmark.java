package io.trustbaseline.cli.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.aws.AwsConfig;
import io.trustbaseline.aws.AwsRuntime;
import io.trustbaseline.aws.QueueHandler;
import io.trustbaseline.aws.SweepHandler;
import io.trustbaseline.aws.local.QueueWorkers;
import io.trustbaseline.cli.LocalLambdaContext;
import io.trustbaseline.cli.LocalSession;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.sweep.SweepLaunch;
import io.trustbaseline.core.sweep.SweepSummary;
import io.trustbaseline.localcloud.CallLog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS sweep at scale on the local cloud: N clusters across accounts and regions, a latency per call and the
 * world's rate limits, swept by the real SweepHandler and drained from the embedded SQS by C queue workers calling
 * the real QueueHandler, for each C; a first run (everything to create) and a steady state (a second sweep). Prints,
 * per run: wall time, cloud calls per target, wall / max(calls_f / rate_f, calls x latency / C), the longest single
 * invocation (the sweep's and the workers'), the process's peak RSS. Figures only, no thresholds. With
 * {@code --cloud azure}: N registries, storage accounts and AKS clusters across subscriptions and regions, swept by
 * the real Sweep function and drained by C threads calling the real queue function (the in-process queue of local
 * runs), against ARM's rate limits. Run from the repository root: {@code java -cp cli/target/trust-baseline.jar
 * io.trustbaseline.cli.bench.SweepBenchmark [--cloud aws|azure] [--targets N] [--workers 1,8,32] [--latency-ms 25]
 * [--accounts 10] [--regions 3] [--json FILE]}.
 */
public final class SweepBenchmark {
    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "ap-southeast-2", "eu-central-1", "us-west-2");
    private static final String HOME_ACCOUNT = "111122223333";
    private static final String SWEEP_ROLE = "trust-baseline-sweep";
    /** Requests per second per API family: the world's rateLimits. */
    static final Map<String, Double> RATES = Map.of("eks", 400.0, "iam", 200.0, "sts", 50.0);
    /** ARM's, per operation kind (the local cloud's token buckets are per process, not per subscription). */
    static final Map<String, Double> ARM_RATES = Map.of("arm-read", 400.0, "arm-write", 200.0);

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new TreeMap<>(Map.of("--targets", "300", "--workers", "1,8,32", "--latency-ms", "25",
                "--accounts", "10", "--regions", "3", "--cloud", "aws"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        int targets = Integer.parseInt(o.get("--targets"));
        int accounts = Integer.parseInt(o.get("--accounts"));
        int regions = Integer.parseInt(o.get("--regions"));
        int latency = Integer.parseInt(o.get("--latency-ms"));
        List<Integer> workers = Arrays.stream(o.get("--workers").split(",")).map(Integer::parseInt).toList();
        Path root = Path.of("").toAbsolutePath();
        if (o.get("--cloud").equals("azure")) {
            if (!AzureSweepBenchmark.run(targets, accounts, regions, latency, workers, o.get("--json"), root)) {
                System.exit(1);
            }
            return;
        }
        Baseline baseline = new BaselineLoader(Catalog.standard()).parse(Files.readString(root.resolve("events-samples/baseline.yaml"))
                .replace("accounts: [\"111122223333\"]", "accounts: [\"*\"]").replace("regions: [\"eu-west-1\"]", "regions: [\"*\"]"));
        PrintStream out = System.out;
        out.printf("AWS sweep: N = %d clusters across %d accounts x %d regions, %d ms per call, rate limits %s/s, "
                + "C queue workers on the embedded SQS%n", targets, accounts, regions, latency, RATES);
        printHeader(out);
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (int c : workers) {
            Path world = Files.createTempFile("sweep-world", ".json");
            Files.writeString(world, world(targets, accounts, regions, latency).toString());
            try (LocalSession session = LocalSession.start(world)) {
                AwsRuntime runtime = runtime(session, accounts, regions, baseline);
                for (String run : List.of("first", "steady")) {
                    session.cloud().calls().clear();
                    ObjectNode row = sweep(runtime, session, scheduled(), c, latency, targets);
                    row.put("run", run);
                    rows.add(row);
                    printRow(out, row);
                }
            } finally {
                Files.deleteIfExists(world);
            }
        }
        if (!finish(o.get("--json"), rows, out)) {
            System.exit(1);
        }
    }

    static void printHeader(PrintStream out) {
        out.printf("%-6s %-8s %9s %11s %18s %9s %16s %14s %12s%n", "C", "run", "wall s", "calls/tgt",
                "reads+writes", "bound s", "wall / bound", "longest ms", "peak RSS MB");
    }

    static void printRow(PrintStream out, ObjectNode row) {
        out.printf("%-6d %-8s %9.1f %11.2f %18s %9.1f %16.2f %14d %12d%n", row.path("workers").asInt(), row.path("run").asText(),
                row.path("wallMs").asDouble() / 1000, row.path("callsPerTarget").asDouble(),
                row.path("reads").asLong() + "+" + row.path("writes").asLong(), row.path("boundMs").asDouble() / 1000,
                row.path("wallOverBound").asDouble(), row.path("longestInvocationMs").asLong(), row.path("peakRssMb").asLong());
        out.println("       calls per target by API: " + row.path("callsPerTargetByApi"));
    }

    /**
     * Writes the rows to {@code file} (if given) and checks what must hold whatever the machine: every target
     * reported, the reports count exactly the calls the cloud served, and a steady run writes nothing after a first
     * run that left no target needing attention (on a starved machine a call can time out and be left to the next).
     */
    static boolean finish(String file, ArrayNode rows, PrintStream out) throws IOException {
        if (file != null) {
            Files.writeString(Path.of(file), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rows) + "\n");
        }
        List<String> problems = new ArrayList<>();
        long[] leftBefore = {0};
        rows.forEach(row -> {
            String run = "C = " + row.path("workers").asInt() + ", " + row.path("run").asText() + " run: ";
            if (row.path("reported").asLong() != row.path("targets").asLong()) {
                problems.add(run + row.path("reported").asLong() + " targets reported of " + row.path("targets").asLong());
            }
            if (row.path("reportedReads").asLong() != row.path("reads").asLong()
                    || row.path("reportedWrites").asLong() != row.path("writes").asLong()) {
                problems.add(run + "the reports count " + row.path("reportedReads").asLong() + "+"
                        + row.path("reportedWrites").asLong() + " calls, the cloud served " + row.path("reads").asLong()
                        + "+" + row.path("writes").asLong());
            }
            if (row.path("run").asText().equals("steady") && row.path("writes").asLong() > 0 && leftBefore[0] == 0) {
                problems.add(run + "wrote " + row.path("writes").asLong() + " times after a first run that left nothing");
            }
            leftBefore[0] = row.path("needingAttention").asLong();
        });
        if (problems.isEmpty()) {
            out.println("check: every target reported, the reports count exactly the calls the cloud served, every"
                    + " steady run after a clean first run wrote nothing");
        } else {
            out.println("check FAILED:");
            problems.forEach(p -> out.println("  " + p));
        }
        return problems.isEmpty();
    }

    private static ObjectNode sweep(AwsRuntime runtime, LocalSession session, ScheduledEvent event, int workers, int latency,
                                    int targets) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        long started = System.nanoTime();
        long launchStarted = System.nanoTime();
        SweepLaunch launch = SweepLaunch.fromJson(Json.write(new SweepHandler(runtime)
                .handleRequest(event, new LocalLambdaContext("SweepHandler", quiet))));
        long launchMs = (System.nanoTime() - launchStarted) / 1_000_000;
        QueueWorkers.Drained drained = new QueueWorkers(runtime.clients().sqs(), session.sqs().queueUrl(LocalSession.REQUESTS_QUEUE.name()),
                new QueueHandler(runtime), () -> new LocalLambdaContext("QueueHandler", quiet)).drain(workers);
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        SweepSummary summary = runtime.sweepResults().orElseThrow().summarize(launch);
        List<CallLog.Call> calls = session.cloud().calls().calls().stream().filter(c -> !c.api().startsWith("s3:")).toList();
        return figures(calls, c -> c.api().substring(0, c.api().indexOf(':')), RATES, workers, latency, targets, wallMs,
                launchMs, drained.longestInvocationMs(), summary);
    }

    /**
     * A run's row: the targets' cloud calls (not the results store's), each in the rate-limit family {@code family}
     * names, against the bound max(calls_f / rate_f, calls x latency / C).
     */
    static ObjectNode figures(List<CallLog.Call> calls, java.util.function.Function<CallLog.Call, String> family,
                              Map<String, Double> rates, int workers, int latency, int targets, long wallMs, long launchMs,
                              long longestWorkerMs, SweepSummary summary) {
        Map<String, Long> byFamily = new TreeMap<>();
        Map<String, Double> byApi = new TreeMap<>();
        calls.forEach(c -> {
            byFamily.merge(family.apply(c), 1L, Long::sum);
            byApi.merge(c.api(), 1.0 / targets, Double::sum);
        });
        double rateBoundMs = byFamily.entrySet().stream()
                .mapToDouble(e -> 1000.0 * e.getValue() / rates.getOrDefault(e.getKey(), Double.MAX_VALUE)).max().orElse(0);
        double latencyBoundMs = (double) calls.size() * latency / workers;
        double bound = Math.max(rateBoundMs, latencyBoundMs);
        ObjectNode row = Json.MAPPER.createObjectNode()
                .put("workers", workers).put("targets", targets).put("reported", summary.reported())
                .put("needingAttention", summary.attentionTotal())
                .put("wallMs", wallMs).put("launchMs", launchMs)
                .put("reads", calls.stream().filter(c -> !c.write()).count()).put("writes", calls.stream().filter(CallLog.Call::write).count())
                .put("reportedReads", summary.calls().reads()).put("reportedWrites", summary.calls().writes())
                .put("callsPerTarget", (double) calls.size() / targets)
                .put("boundMs", bound).put("wallOverBound", wallMs / bound)
                .put("longestInvocationMs", Math.max(launchMs, longestWorkerMs))
                .put("peakRssMb", peakRssMb());
        ObjectNode perApi = row.putObject("callsPerTargetByApi");
        byApi.forEach((api, n) -> perApi.put(api, Math.round(n * 100) / 100.0));
        return row;
    }

    private static AwsRuntime runtime(LocalSession session, int accounts, int regions, Baseline baseline) {
        return new AwsRuntime(AwsConfig.local(session.endpoint(), HOME_ACCOUNT, REGIONS.get(0))
                .withSweep(REGIONS.subList(0, regions), accountIds(accounts).subList(1, accounts), SWEEP_ROLE)
                .withSqsEndpoint(session.sqs().endpoint())
                .withWorkQueues(session.sqs().queueUrl(LocalSession.REQUESTS_QUEUE.name()),
                        session.sqs().queueUrl(LocalSession.REQUESTS_QUEUE.deadLetterQueue()))
                .withSweepResultsBucket(LocalSession.SWEEP_RESULTS_BUCKET), baseline);
    }

    private static List<String> accountIds(int accounts) {
        List<String> ids = new ArrayList<>(List.of(HOME_ACCOUNT));
        for (int i = 1; i < accounts; i++) {
            ids.add(String.format("%012d", 200000000000L + i));
        }
        return ids;
    }

    /**
     * N ACTIVE clusters (access entries on) dealt round-robin over the accounts and regions; each spoke account holds
     * the sweep role, the home account the sample baseline's cluster-admin role.
     */
    private static ObjectNode world(int targets, int accounts, int regions, int latency) {
        ObjectNode world = Json.MAPPER.createObjectNode();
        ObjectNode byAccount = world.putObject("aws").putObject("accounts");
        List<String> ids = accountIds(accounts);
        for (String id : ids) {
            ObjectNode account = byAccount.putObject(id);
            ObjectNode roles = account.putObject("iam").putObject("roles");
            if (!id.equals(HOME_ACCOUNT)) {
                roles.putObject(SWEEP_ROLE).put("path", "/");
            } else {
                roles.putObject("cluster-admin").put("path", "/platform/"); // the principal of eks-admin-access
            }
            ObjectNode byRegion = account.putObject("regions");
            REGIONS.subList(0, regions).forEach(r -> byRegion.putObject(r).putObject("clusters"));
        }
        for (int i = 0; i < targets; i++) {
            String account = ids.get(i % accounts);
            String region = REGIONS.get((i / accounts) % regions);
            ((ObjectNode) byAccount.path(account).path("regions").path(region).path("clusters"))
                    .putObject(String.format("c%05d", i)).put("status", "ACTIVE").put("version", "1.31")
                    .putObject("accessConfig").put("authenticationMode", "API");
        }
        world.put("latencyMs", latency);
        ObjectNode rates = world.putObject("rateLimits");
        RATES.forEach(rates::put);
        return world;
    }

    static ScheduledEvent scheduled() {
        ScheduledEvent event = new ScheduledEvent();
        event.setId(java.util.UUID.randomUUID().toString());
        event.setTime(org.joda.time.DateTime.now());
        return event;
    }

    /** The process's peak resident set (VmHWM): every worker is a thread of this one process. */
    static long peakRssMb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}
