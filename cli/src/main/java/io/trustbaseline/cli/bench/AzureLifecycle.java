package io.trustbaseline.cli.bench;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.azure.AzureRuntime;
import io.trustbaseline.azure.ResourceWritten;
import io.trustbaseline.azure.StorageConnection;
import io.trustbaseline.azure.StorageWorkQueue;
import io.trustbaseline.azure.TicketQueue;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.azure.local.LocalDelivery;
import io.trustbaseline.azure.local.LocalInvocation;
import io.trustbaseline.azure.local.LocalOutput;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.delivery.DeliveryPolicy;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.sweep.WorkerConcurrency;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import io.trustbaseline.localcloud.arm.ArmService;
import io.trustbaseline.localcloud.azure.Azurite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The lifecycle of resource-write events on Azure, time scaled down, as {@link Lifecycle} runs it on AWS: AKS
 * clusters and registries that finish provisioning after random delays in the local cloud (some never within the
 * deadline); each event through the Event Grid function onto the real Storage queue {@code trust-requests} (Azurite),
 * some twice; a few bad messages put on the queue directly; transient faults on about {@code faultRate} of the ARM
 * calls; and a host loop with the Functions host's queue semantics (host.json): batches of {@code batchSize}, the
 * trigger's InsertionTime, the output binding to {@code trust-results}, a message whose function threw made visible
 * again after {@code visibilityTimeout} and moved to {@code trust-requests-poison} on its {@code maxDequeueCount}-th
 * delivery, and now and then a "crash" after a batch, whose messages come back when their lease ends.
 */
public final class AzureLifecycle {
    static final String SUB = "00000000-0000-0000-0000-000000000001";
    static final String GROUP = "rg-platform";
    private static final Path SAMPLES = Path.of("events-samples");
    private static final String AKS = "Microsoft.ContainerService/managedClusters";
    private static final String ACR = "Microsoft.ContainerRegistry/registries";
    /** A delivery's lease on the message (the host renews it while the function runs; scaled down here). */
    private static final Duration LEASE = Duration.ofSeconds(5);
    /** host.json's visibilityTimeout between a failed delivery and the next, scaled down. */
    private static final Duration RETRY_VISIBILITY = Duration.ofSeconds(1);

    private AzureLifecycle() {
    }

    public static void main(String[] args) {
        Lifecycle.Settings settings = Lifecycle.Settings.standard();
        if (args.length > 0) {
            settings = new Lifecycle.Settings(Integer.parseInt(args[0]), settings.neverReady(), settings.badMessages(),
                    settings.maxReadyMs(), settings.deadline(), settings.faultRate(), settings.duplicateRate(),
                    settings.crashRate(), settings.seed());
        }
        System.out.println("lifecycle simulation (Azure: Azurite + local cloud), " + settings);
        System.out.print(run(settings, Path.of(".")).table());
    }

    /** Runs the simulation; {@code repository} is the checkout (its events-samples are read). */
    public static Lifecycle.Figures run(Lifecycle.Settings s, Path repository) {
        Random random = new Random(s.seed());
        Path samples = repository.resolve(SAMPLES);
        Baseline baseline = new BaselineLoader(Catalog.standard()).parse(Lifecycle.read(samples.resolve("baseline.yaml")));
        ObjectNode demo = (ObjectNode) Lifecycle.json(Lifecycle.read(samples.resolve("world.json")));
        Map<String, String> templates = Map.of(AKS, Lifecycle.read(samples.resolve("azure/eventgrid-aks-created.json")),
                ACR, Lifecycle.read(samples.resolve("azure/eventgrid-acr-created.json")));

        Map<String, Long> readyAfter = new TreeMap<>();
        for (int i = 0; i < s.clusters(); i++) {
            readyAfter.put(id(i % 2 == 0 ? AKS : ACR, i % 2 == 0 ? "aks-sim-" + i : "acrsim" + i),
                    (long) random.nextInt((int) s.maxReadyMs() + 1));
        }
        for (int i = 0; i < s.neverReady(); i++) {
            readyAfter.put(id(AKS, "aks-slow-" + i), s.deadline().toMillis() * 10);
        }
        Calibration calibration = calibrate(baseline, demo, templates);
        long started = System.currentTimeMillis();
        try (LocalCloud cloud = LocalCloud.start(world(demo, readyAfter), List.of(ArmService.create()));
             Azurite azurite = Azurite.startQueues()) {
            StorageWorkQueue queue = StorageWorkQueue.connect(new StorageConnection.ConnectionString(azurite.connectionString()))
                    .createIfMissing();
            AzureRuntime runtime = AzureRuntime.builder(ArmConnection.local(cloud.endpoint()), baseline)
                    .sweepSubscriptions(List.of(SUB)).queues(queue, queue)
                    .delivery(new DeliveryPolicy(s.deadline(), Duration.ofSeconds(1), Duration.ofSeconds(4))).build();
            long worldBegan = System.currentTimeMillis();
            Host host = new Host(runtime, azurite, cloud, s, random, calibration.faultyApis());
            host.deliverEvents(events(s, readyAfter.keySet(), templates, random, host));
            host.putOnQueue(badMessages(s, host));
            host.runUntilDone(Lifecycle.runLimit(s));
            List<Long> latencies = new ArrayList<>();
            long expectedWrites = 0;
            for (Map.Entry<String, Long> target : readyAfter.entrySet()) {
                Long at = host.compliantAt.get(target.getKey());
                if (at != null) {
                    latencies.add(Math.max(0, at - (worldBegan + target.getValue())));
                    expectedWrites += calibration.writes(target.getKey());
                }
            }
            latencies.sort(Long::compare);
            long writes = successfulWrites(cloud.calls());
            return host.figures(host.poisonReasons(), writes - expectedWrites, writes, latencies,
                    System.currentTimeMillis() - started);
        }
    }

    /** The Functions host's queue listener for {@code TicketQueue}, with host.json's semantics, time scaled down. */
    private static final class Host extends Lifecycle.Tally {
        private final AzureRuntime runtime;
        private final TicketQueue function;
        private final QueueClient requests;
        private final QueueClient poison;
        private final QueueClient results;
        private final LocalCloud cloud;
        private final Lifecycle.Settings settings;
        private final Random random;
        private final List<String> faultyApis;
        private int callsSeen;

        Host(AzureRuntime runtime, Azurite azurite, LocalCloud cloud, Lifecycle.Settings settings, Random random,
             List<String> faultyApis) {
            this.runtime = runtime;
            this.function = new TicketQueue(runtime);
            this.requests = client(azurite, TicketQueue.REQUESTS);
            this.poison = client(azurite, StorageWorkQueue.POISON);
            this.results = client(azurite, TicketQueue.RESULTS);
            this.results.createIfNotExists();
            this.cloud = cloud;
            this.settings = settings;
            this.random = random;
            this.faultyApis = faultyApis;
        }

        /** Each event through the Event Grid function, which only enqueues. */
        void deliverEvents(List<String> events) {
            messagesIn += events.size();
            ResourceWritten eventGrid = new ResourceWritten(runtime);
            events.forEach(event -> eventGrid.run(event, new LocalInvocation("ResourceWritten")));
        }

        void putOnQueue(List<String> bodies) {
            messagesIn += bodies.size();
            bodies.forEach(requests::sendMessage);
        }

        void runUntilDone(Duration limit) {
            long end = System.currentTimeMillis() + limit.toMillis();
            while (System.currentTimeMillis() < end && !done()) {
                List<QueueMessageItem> batch = new ArrayList<>();
                requests.receiveMessages(WorkerConcurrency.AZURE.azureBatchSize(), LEASE, null, null).forEach(batch::add);
                if (batch.isEmpty()) {
                    Lifecycle.sleep(200);
                } else {
                    handle(batch);
                }
                collectResults();
            }
        }

        private boolean done() {
            return ended.containsAll(expectedEnds) && requests.getProperties().getApproximateMessagesCount() == 0;
        }

        private void handle(List<QueueMessageItem> batch) {
            injectFaults();
            List<Runnable> acknowledgements = new ArrayList<>();
            for (QueueMessageItem m : batch) {
                if (m.getDequeueCount() > 1) {
                    redelivered++;
                }
                LocalOutput<String> result = new LocalOutput<>();
                try {
                    var outcome = function.work(m.getBody().toString(), m.getInsertionTime().toInstant(), result,
                            new LocalInvocation("TicketQueue"));
                    outcomes.merge(outcome.report().status().id(), 1, Integer::sum);
                    if (outcome instanceof io.trustbaseline.core.delivery.QueueWorker.Later) {
                        retried++;
                    }
                    if (result.getValue() != null) {
                        results.sendMessage(result.getValue()); // the output binding
                    }
                    acknowledgements.add(() -> requests.deleteMessage(m.getMessageId(), m.getPopReceipt()));
                } catch (RuntimeException e) {
                    outcomes.merge("threw", 1, Integer::sum);
                    if (m.getDequeueCount() >= DeliveryLimits.UNANSWERED_DELIVERIES) {
                        acknowledgements.add(() -> { // the host moves it to the poison queue as it is
                            poison.sendMessage(m.getBody().toString());
                            requests.deleteMessage(m.getMessageId(), m.getPopReceipt());
                        });
                    } else {
                        acknowledgements.add(() -> requests.updateMessage(m.getMessageId(), m.getPopReceipt(), null,
                                RETRY_VISIBILITY));
                    }
                }
            }
            if (random.nextDouble() < settings.crashRate()) {
                return; // the host died after the functions ran: every message comes back when its lease ends
            }
            acknowledgements.forEach(Runnable::run);
        }

        /** Transient faults on about {@code faultRate} of the ARM calls made since the last batch. */
        private void injectFaults() {
            int calls = cloud.calls().calls().size();
            long due = Math.round((calls - callsSeen) * settings.faultRate()) + (callsSeen == 0 ? 1 : 0);
            callsSeen = calls;
            for (long i = 0; i < due; i++) {
                cloud.world().addFault(new Fault(faultyApis.get(random.nextInt(faultyApis.size())), "ServiceUnavailable",
                        null, null, 1));
                faults++;
            }
        }

        private void collectResults() {
            while (true) {
                List<QueueMessageItem> batch = new ArrayList<>();
                results.receiveMessages(32).forEach(batch::add);
                if (batch.isEmpty()) {
                    return;
                }
                long now = System.currentTimeMillis();
                for (QueueMessageItem m : batch) {
                    reportOut(Lifecycle.json(m.getBody().toString()), now);
                    results.deleteMessage(m.getMessageId(), m.getPopReceipt());
                }
            }
        }

        /** The poison queue's messages by reason (the functions' own say why; the host's are the body as it was). */
        Map<String, Integer> poisonReasons() {
            Map<String, Integer> reasons = new TreeMap<>();
            while (true) {
                List<QueueMessageItem> batch = new ArrayList<>();
                poison.receiveMessages(32).forEach(batch::add);
                if (batch.isEmpty()) {
                    return reasons;
                }
                for (QueueMessageItem m : batch) {
                    JsonNode body = Json.parseOrNull(m.getBody().toString());
                    String reason = body != null && body.hasNonNull("deadLetterReason")
                            ? body.get("deadLetterReason").asText().replaceAll(" \\(first seen.*", "")
                            : "no reason: " + DeliveryLimits.UNANSWERED_DELIVERIES + " deliveries without an answer";
                    reasons.merge(reason, 1, Integer::sum);
                    poison.deleteMessage(m.getMessageId(), m.getPopReceipt());
                }
            }
        }
    }

    /** One Event Grid event per resource (some delivered twice), shuffled. */
    private static List<String> events(Lifecycle.Settings s, Set<String> ids, Map<String, String> templates, Random random,
                                       Host host) {
        List<String> events = new ArrayList<>();
        for (String id : ids) {
            String type = id.contains(AKS) ? AKS : ACR;
            JsonNode template = Lifecycle.json(templates.get(type)).get(0);
            String sample = template.path("subject").asText();
            String eventId = UUID.nameUUIDFromBytes(id.getBytes()).toString();
            String event = templates.get(type).replace(sample, id).replace(template.path("id").asText(), eventId);
            host.expectedEnds.add(eventId);
            events.add(event);
            if (random.nextDouble() < s.duplicateRate()) {
                events.add(event);
            }
        }
        Collections.shuffle(events, random);
        return events;
    }

    /** Of each kind: not JSON, a ticket breaking the contract, a ticket for an AWS target. */
    private static List<String> badMessages(Lifecycle.Settings s, Host host) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < s.badMessages(); i++) {
            bodies.add("not a request #" + i);
            host.unnamedBad++;
            String contract = "bad-fields-" + i;
            bodies.add("{\"schemaVersion\":1,\"requestId\":\"" + contract + "\",\"requestedBy\":\"sim\",\"priority\":\"high\","
                    + "\"target\":{\"azureResourceId\":\"" + id(AKS, "aks-sim-0") + "\"}}");
            host.expectedEnds.add(contract);
            String aws = "aws-target-" + i;
            bodies.add("{\"schemaVersion\":1,\"requestId\":\"" + aws + "\",\"requestedBy\":\"sim\",\"target\":"
                    + "{\"eksClusterArn\":\"arn:aws:eks:eu-west-1:111122223333:cluster/eks-prod\"}}");
            host.expectedEnds.add(aws);
        }
        return bodies;
    }

    /** The successful writes one clean event makes for a new cluster and for a new registry, and the APIs called. */
    private record Calibration(long clusterWrites, long registryWrites, List<String> faultyApis) {
        long writes(String id) {
            return id.contains(AKS) ? clusterWrites : registryWrites;
        }
    }

    private static Calibration calibrate(Baseline baseline, ObjectNode demo, Map<String, String> templates) {
        String cluster = id(AKS, "aks-calibration");
        String registry = id(ACR, "acrcalibration");
        try (LocalCloud cloud = LocalCloud.start(world(demo, Map.of(cluster, 0L, registry, 0L)), List.of(ArmService.create()))) {
            LocalQueue queue = new LocalQueue();
            AzureRuntime runtime = AzureRuntime.builder(ArmConnection.local(cloud.endpoint()), baseline)
                    .sweepSubscriptions(List.of(SUB)).queues(queue, queue).build();
            LocalDelivery delivery = new LocalDelivery(runtime, queue);
            delivery.event(event(templates.get(AKS), cluster));
            long clusterWrites = successfulWrites(cloud.calls());
            delivery.event(event(templates.get(ACR), registry));
            long registryWrites = successfulWrites(cloud.calls()) - clusterWrites;
            // The long-running operations' status polls included: the ARM adapters retry a failed poll alone, so it
            // never sends the write again.
            List<String> apis = cloud.calls().calls().stream().map(CallLog.Call::api).distinct().sorted().toList();
            return new Calibration(clusterWrites, registryWrites, apis);
        }
    }

    private static String event(String template, String id) {
        return template.replace(Lifecycle.json(template).get(0).path("subject").asText(), id);
    }

    private static long successfulWrites(CallLog calls) {
        return calls.calls().stream().filter(c -> c.write() && c.status() < 300).count();
    }

    /** The demo world's Azure side (the workspace, the offered roles) with the simulated resources added. */
    private static World world(ObjectNode demo, Map<String, Long> readyAfter) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("azure", demo.get("azure").deepCopy());
        ObjectNode group = (ObjectNode) root.path("azure").path("subscriptions").path(SUB).path("resourceGroups").path(GROUP);
        readyAfter.forEach((id, after) -> {
            String name = id.substring(id.lastIndexOf('/') + 1);
            ObjectNode resource;
            if (id.contains(AKS)) {
                resource = group.with("managedClusters").putObject(name).put("location", "westeurope");
                resource.putObject("tags").put("env", "prod");
                resource.putObject("trustedAccessRoleBindings");
            } else {
                resource = group.with("registries").putObject(name).put("location", "westeurope").put("sku", "Premium")
                        .put("publicNetworkAccess", "Disabled").put("networkRuleBypassOptions", "None");
                resource.putObject("tags");
            }
            if (after > 0) {
                resource.put("provisioningState", "Creating").put("readyAfterMs", after);
            } else {
                resource.put("provisioningState", "Succeeded");
            }
        });
        return World.parse(root.toString());
    }

    private static QueueClient client(Azurite azurite, String queue) {
        return new QueueClientBuilder().connectionString(azurite.connectionString()).queueName(queue).buildClient();
    }

    private static String id(String type, String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + GROUP + "/providers/" + type + "/" + name;
    }
}
