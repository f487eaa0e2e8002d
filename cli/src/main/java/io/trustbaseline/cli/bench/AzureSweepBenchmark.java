package io.trustbaseline.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.azure.AzureRuntime;
import io.trustbaseline.azure.Sweep;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.azure.local.LocalInvocation;
import io.trustbaseline.cli.LocalSession;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.sweep.InProcessResultsStore;
import io.trustbaseline.core.sweep.SweepLaunch;
import io.trustbaseline.core.sweep.SweepSummary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Azure sweep at scale on the local cloud: N registries and storage accounts (half each, none compliant on the
 * first run) dealt round-robin over subscriptions and locations, swept by the real Sweep function and drained by C
 * threads calling the real queue function, against ARM's read and write rates. Figures as {@link SweepBenchmark}'s.
 */
final class AzureSweepBenchmark {
    private static final List<String> LOCATIONS = List.of("westeurope", "eastus", "australiaeast", "germanywestcentral", "westus2");

    private AzureSweepBenchmark() {
    }

    static boolean run(int targets, int subscriptions, int regions, int latency, List<Integer> workers, String json, Path root)
            throws IOException {
        Baseline baseline = new BaselineLoader(Catalog.standard()).parse(Files.readString(root.resolve("events-samples/baseline.yaml")));
        PrintStream out = System.out;
        out.printf("Azure sweep: N = %d registries and storage accounts across %d subscriptions x %d locations, %d ms per"
                + " call, rate limits %s/s, C queue workers in process%n", targets, subscriptions, regions, latency,
                SweepBenchmark.ARM_RATES);
        SweepBenchmark.printHeader(out);
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (int c : workers) {
            Path world = Files.createTempFile("azure-sweep-world", ".json");
            Files.writeString(world, world(targets, subscriptions, regions, latency).toString());
            try (LocalSession session = LocalSession.start(world)) {
                LocalQueue queue = new LocalQueue();
                AzureRuntime runtime = AzureRuntime.builder(ArmConnection.local(session.endpoint()), baseline)
                        .sweepSubscriptions(subscriptionIds(subscriptions)).queues(queue, queue)
                        .sweepResults(new InProcessResultsStore()).build();
                for (String run : List.of("first", "steady")) {
                    session.cloud().calls().clear();
                    ObjectNode row = sweep(runtime, queue, session, c, latency, targets);
                    row.put("run", run);
                    rows.add(row);
                    SweepBenchmark.printRow(out, row);
                }
            } finally {
                Files.deleteIfExists(world);
            }
        }
        return SweepBenchmark.finish(json, rows, out);
    }

    private static ObjectNode sweep(AzureRuntime runtime, LocalQueue queue, LocalSession session, int workers,
                                    int latency, int targets) {
        long started = System.nanoTime();
        SweepLaunch launch = SweepLaunch.fromJson(new Sweep(runtime).run("{}", new LocalInvocation("Sweep")));
        long launchMs = (System.nanoTime() - started) / 1_000_000;
        LocalQueue.Drained drained = queue.drain(runtime, workers);
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        SweepSummary summary = runtime.sweepResults().orElseThrow().summarize(launch);
        ObjectNode row = SweepBenchmark.figures(session.cloud().calls().calls(), c -> c.write() ? "arm-write" : "arm-read",
                SweepBenchmark.ARM_RATES, workers, latency, targets, wallMs, launchMs, drained.longestInvocationMs(), summary);
        queue.takeResults();
        return row;
    }

    private static List<String> subscriptionIds(int subscriptions) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= subscriptions; i++) {
            ids.add(String.format("00000000-0000-0000-0000-%012d", i));
        }
        return ids;
    }

    private static ObjectNode world(int targets, int subscriptions, int regions, int latency) {
        ObjectNode world = Json.MAPPER.createObjectNode();
        ObjectNode bySubscription = world.putObject("azure").putObject("subscriptions");
        List<String> ids = subscriptionIds(subscriptions);
        for (String id : ids) {
            ObjectNode subscription = bySubscription.putObject(id);
            subscription.putArray("roleAssignments");
            subscription.putObject("resourceGroups").putObject("rg-bench");
        }
        for (int i = 0; i < targets; i++) {
            ObjectNode group = (ObjectNode) bySubscription.path(ids.get(i % subscriptions)).path("resourceGroups").path("rg-bench");
            String location = LOCATIONS.get((i / subscriptions) % regions);
            if (i % 2 == 0) {
                ObjectNode registry = group.with("registries").putObject(String.format("acr%05d", i));
                registry.put("location", location).put("sku", "Premium").put("publicNetworkAccess", "Disabled")
                        .put("networkRuleBypassOptions", "None").put("provisioningState", "Succeeded");
            } else {
                ObjectNode account = group.with("storageAccounts").putObject(String.format("st%05d", i));
                account.put("location", location).put("provisioningState", "Succeeded");
                account.putObject("networkAcls").put("defaultAction", "Deny").put("bypass", "Logging, Metrics");
            }
        }
        world.put("latencyMs", latency);
        ObjectNode rates = world.putObject("rateLimits");
        SweepBenchmark.ARM_RATES.forEach(rates::put);
        return world;
    }
}
