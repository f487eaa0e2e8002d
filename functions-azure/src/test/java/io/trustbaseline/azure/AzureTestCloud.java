package io.trustbaseline.azure;

import io.trustbaseline.core.sweep.InProcessResultsStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.azure.local.LocalDelivery;
import io.trustbaseline.azure.local.LocalInvocation;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.ManualClock;
import io.trustbaseline.localcloud.World;
import io.trustbaseline.localcloud.arm.ArmService;
import io.trustbaseline.localcloud.arm.AzureRole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The local cloud seeded with events-samples/world.json, serving ARM on loopback, and an {@link AzureRuntime} whose
 * real SDK managers talk to it. Retry waits are recorded instead of slept, and move the world's clock by as much, so a
 * test can check a Retry-After was honoured without waiting for it while the cloud sees that time pass.
 */
public final class AzureTestCloud implements AutoCloseable {
    public static final Path SAMPLES = Path.of("..", "events-samples");
    public static final String SUB = "00000000-0000-0000-0000-000000000001";
    public static final String AKS = id("rg-platform", "Microsoft.ContainerService/managedClusters", "aks-prod-weu");
    public static final String AKS_NEW = id("rg-platform", "Microsoft.ContainerService/managedClusters", "aks-new-weu");
    public static final String ACR = id("rg-platform", "Microsoft.ContainerRegistry/registries", "acrplatformweu");
    public static final String ACR_BASIC = id("rg-platform", "Microsoft.ContainerRegistry/registries", "acrbasicweu");
    public static final String STORAGE = id("rg-ml", "Microsoft.Storage/storageAccounts", "stmlweu001");
    public static final String WORKSPACE = id("rg-ml", "Microsoft.MachineLearningServices/workspaces", "mlw-central");
    public static final String WORKSPACE_PRINCIPAL = "6f1c2a4e-3b7d-4c9a-9e51-2d8f0a7b3c41";
    public static final String MLWORKLOAD = "Microsoft.MachineLearningServices/workspaces/mlworkload";

    private final LocalCloud cloud;
    private final List<Duration> waits = new ArrayList<>();
    private final LocalQueue queue = new LocalQueue();
    private final ManualClock clock = new ManualClock();
    private final AzureRuntime runtime;
    /** The sweeps' results store, in this process as in local runs. */
    private final InProcessResultsStore sweepResults = new InProcessResultsStore();

    private AzureTestCloud(World world, String baselineYaml, boolean dryRun) {
        this(world, baselineYaml, dryRun, ArmService.create());
    }

    private AzureTestCloud(World world, String baselineYaml, boolean dryRun, ArmService arm) {
        this(world, baselineYaml, dryRun, arm, ArmConnection::local, DeliveryLimits.AZURE_MESSAGE_BUDGET);
    }

    private AzureTestCloud(World world, String baselineYaml, boolean dryRun, ArmService arm,
                           Function<URI, ArmConnection> connect, Duration messageBudget) {
        world.useClock(clock);
        this.cloud = LocalCloud.start(world, List.of(arm));
        Baseline baseline = new BaselineLoader(Catalog.standard()).parse(baselineYaml);
        this.runtime = AzureRuntime.builder(connect.apply(cloud.endpoint()), baseline)
                .retrier(new Retrier(RetryPolicy.standard(), wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                }, java.util.random.RandomGenerator.getDefault()))
                .dryRun(dryRun)
                .messageBudget(messageBudget)
                .sweepSubscriptions(List.of(SUB))
                .queues(queue, queue)
                .sweepResults(sweepResults)
                .build();
    }

    /** The demo world and baseline. */
    public static AzureTestCloud start() {
        return new AzureTestCloud(World.load(SAMPLES.resolve("world.json")), sample("baseline.yaml"), false);
    }

    /** Another world (such as the demo's with rate limits) and the demo baseline. */
    public static AzureTestCloud withWorld(World world) {
        return new AzureTestCloud(world, sample("baseline.yaml"), false);
    }

    /** The demo world with another baseline. */
    public static AzureTestCloud withBaseline(String baselineYaml) {
        return new AzureTestCloud(World.load(SAMPLES.resolve("world.json")), baselineYaml, false);
    }

    /** The demo world and baseline, ARM seen by a caller holding {@code role} instead of the deployment's. */
    public static AzureTestCloud withRole(AzureRole role) {
        return new AzureTestCloud(World.load(SAMPLES.resolve("world.json")), sample("baseline.yaml"), false, ArmService.create(role));
    }

    /**
     * The demo world and baseline, ARM answering within {@code responseTimeout}, a long-running write polled at most
     * {@code pollWait} apart, and each message's calls within {@code budget}.
     */
    public static AzureTestCloud withMessageBudget(Duration responseTimeout, Duration pollWait, Duration budget) {
        return new AzureTestCloud(World.load(SAMPLES.resolve("world.json")), sample("baseline.yaml"), false,
                ArmService.create(), endpoint -> ArmConnection.local(endpoint, responseTimeout, pollWait), budget);
    }

    /** The demo world and baseline, every request forced to a dry run (DRY_RUN=true). */
    public static AzureTestCloud dryRun() {
        return new AzureTestCloud(World.load(SAMPLES.resolve("world.json")), sample("baseline.yaml"), true);
    }

    public static String sample(String relative) {
        try {
            return Files.readString(SAMPLES.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String id(String resourceGroup, String type, String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + resourceGroup + "/providers/" + type + "/" + name;
    }

    public AzureRuntime runtime() { return runtime; }

    /** The trust-requests queue the runtime writes to, in process. */
    public LocalQueue queue() { return queue; }

    /** An Event Grid payload through the Event Grid function and then the queue worker, as {@link LocalDelivery} runs it. */
    public JsonNode eventToEnd(String payload) {
        return json(new LocalDelivery(runtime, queue).event(payload));
    }

    public LocalCloud cloud() { return cloud; }

    /** The world's clock: the retrier's waits move it, and a test may move it to let time pass in the cloud. */
    public ManualClock clock() { return clock; }

    public CallLog calls() { return cloud.calls(); }

    /** The waits the core's retrier asked for. */
    public List<Duration> waits() { return List.copyOf(waits); }

    public void fault(String api, String error, Integer retryAfterSeconds, int times) {
        cloud.world().addFault(new Fault(api, error, null, retryAfterSeconds, times));
    }

    /** The world as the local cloud holds it now, at a JSON pointer such as {@code /azure/subscriptions}. */
    public JsonNode world(String pointer) {
        return World.parse(cloud.world().dump()).root().at(pointer);
    }

    /** A resource group's entry for {@code type}/{@code name} in the live world, to seed or change. */
    public ObjectNode resource(String resourceGroup, String worldKey, String name) {
        return cloud.world().locked(root -> root.with("azure").with("subscriptions").with(SUB).with("resourceGroups")
                .with(resourceGroup).with(worldKey).with(name));
    }

    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A trigger's InsertionTime for a message put on the queue just now, as the host hands it over. */
    public static String insertedNow() {
        return java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString();
    }

    public static LocalInvocation context(String function) {
        return new LocalInvocation(function);
    }

    @Override
    public void close() {
        cloud.close();
    }
}
