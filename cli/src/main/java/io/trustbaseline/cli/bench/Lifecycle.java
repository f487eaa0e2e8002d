package io.trustbaseline.cli.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.aws.AwsConfig;
import io.trustbaseline.aws.AwsRuntime;
import io.trustbaseline.aws.QueueHandler;
import io.trustbaseline.aws.QueueResponse;
import io.trustbaseline.aws.SqsWorkQueue;
import io.trustbaseline.cli.LocalLambdaContext;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.delivery.DeliveryPolicy;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import io.trustbaseline.localcloud.aws.AwsServices;
import io.trustbaseline.localcloud.aws.EmbeddedSqs;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The lifecycle of CreateCluster events on AWS, time scaled down: clusters that become ACTIVE after random delays
 * (the local cloud's {@code readyAfterMs}), some never within the deadline; each event on the real queue (ElasticMQ,
 * with its visibility timeout and its redrive to the dead-letter queue after maxReceiveCount), some twice; a few bad
 * messages; transient faults on about {@code faultRate} of the cloud calls; and a host loop with Lambda's SQS
 * semantics (batches of up to ten, delete what the response does not list as failed, leave the rest to the
 * visibility timeout) that now and then "crashes" after a batch, so its messages are delivered again. It prints
 * messages in, reports out, retried, dead-lettered (with reasons), lost, duplicate writes and the time from
 * ready to compliant.
 */
public final class Lifecycle {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    static final String REQUESTS = "trust-requests";
    static final String DEAD_LETTERS = "trust-requests-dlq";
    static final String RESULTS = "trust-results";
    private static final Path SAMPLES = Path.of("events-samples");
    private static final List<String> FAULTY_APIS = List.of("eks:DescribeCluster", "eks:DescribeAddon", "eks:CreateAddon",
            "eks:ListPodIdentityAssociations", "eks:CreatePodIdentityAssociation", "iam:GetRole", "iam:CreateRole",
            "iam:AttachRolePolicy", "iam:ListAttachedRolePolicies");

    /**
     * @param clusters     clusters created, each ready after a random delay up to {@code maxReadyMs}
     * @param neverReady   more clusters that stay CREATING past the deadline
     * @param badMessages  of each kind: not JSON, a ticket breaking the contract, a ticket for an Azure target
     * @param deadline     the readiness deadline (scaled: delays grow from 1 s to 4 s)
     * @param faultRate    share of cloud calls that fail transiently
     * @param duplicateRate share of events sent twice
     * @param crashRate    share of batches whose host "crashes" after the handler returned
     */
    public record Settings(int clusters, int neverReady, int badMessages, long maxReadyMs, Duration deadline,
                           double faultRate, double duplicateRate, double crashRate, long seed) {
        public static Settings standard() {
            return new Settings(60, 3, 2, 10_000, Duration.ofSeconds(25), 0.10, 0.2, 0.05, 42);
        }
    }

    /** What the simulation measured. */
    public record Figures(int messagesIn, int distinctRequests, Map<String, Integer> outcomes, int reportsOut,
                          int retried, int redelivered,
                          Map<String, Integer> deadLettered, int lost, long duplicateWrites, long writes,
                          long faultsInjected, int compliantClusters, long readyToCompliantP50Ms,
                          long readyToCompliantP99Ms, long wallMs) {
        public String table() {
            StringBuilder out = new StringBuilder();
            out.append(String.format("messages in            %d (%d distinct requests)%n", messagesIn, distinctRequests));
            out.append(String.format("handler outcomes       %s%n", outcomes));
            out.append(String.format("reports out            %d%n", reportsOut));
            out.append(String.format("retried (back later)   %d%n", retried));
            out.append(String.format("delivered again        %d (host crashes, visibility timeout)%n", redelivered));
            out.append(String.format("dead-lettered          %d%n", deadLettered.values().stream().mapToInt(Integer::intValue).sum()));
            deadLettered.forEach((reason, n) -> out.append(String.format("  %3d x %s%n", n, reason)));
            out.append(String.format("lost                   %d%n", lost));
            out.append(String.format("duplicate writes       %d (of %d writes; %d transient faults injected)%n",
                    duplicateWrites, writes, faultsInjected));
            out.append(String.format("ready -> compliant     p50 %d ms, p99 %d ms over %d clusters%n",
                    readyToCompliantP50Ms, readyToCompliantP99Ms, compliantClusters));
            out.append(String.format("wall time              %d ms%n", wallMs));
            return out.toString();
        }
    }

    private Lifecycle() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.standard();
        if (args.length > 0) {
            settings = new Settings(Integer.parseInt(args[0]), settings.neverReady(), settings.badMessages(),
                    settings.maxReadyMs(), settings.deadline(), settings.faultRate(), settings.duplicateRate(),
                    settings.crashRate(), settings.seed());
        }
        System.out.println("lifecycle simulation (AWS: ElasticMQ + local cloud), " + settings);
        System.out.print(run(settings, Path.of(".")).table());
    }

    /** Runs the simulation; {@code repository} is the checkout (its events-samples are read). */
    public static Figures run(Settings s, Path repository) {
        Random random = new Random(s.seed());
        Baseline baseline = new BaselineLoader(Catalog.standard()).parse(read(repository.resolve(SAMPLES).resolve("baseline.yaml")));
        String eventTemplate = read(repository.resolve(SAMPLES).resolve("aws/eventbridge-eks-create-cluster.json"));
        long writesPerCluster = calibrate(baseline, eventTemplate);

        Map<String, Long> readyAfter = new TreeMap<>();
        for (int i = 0; i < s.clusters(); i++) {
            readyAfter.put("sim-" + i, (long) random.nextInt((int) s.maxReadyMs() + 1));
        }
        for (int i = 0; i < s.neverReady(); i++) {
            readyAfter.put("slow-" + i, s.deadline().toMillis() * 10);
        }
        long started = System.currentTimeMillis();
        try (LocalCloud cloud = LocalCloud.start(world(readyAfter), AwsServices.all());
             EmbeddedSqs sqs = EmbeddedSqs.start(List.of(EmbeddedSqs.Queue.of(RESULTS),
                     EmbeddedSqs.Queue.withDeadLetterQueue(REQUESTS, DEAD_LETTERS, DeliveryLimits.UNANSWERED_DELIVERIES)))) {
            AwsRuntime runtime = new AwsRuntime(AwsConfig.local(cloud.endpoint(), ACCOUNT, REGION)
                    .withSqsEndpoint(sqs.endpoint()).withResultsQueue(sqs.queueUrl(RESULTS))
                    .withWorkQueues(sqs.queueUrl(REQUESTS), sqs.queueUrl(DEAD_LETTERS))
                    .withDelivery(new DeliveryPolicy(s.deadline(), Duration.ofSeconds(1), Duration.ofSeconds(4))), baseline);
            long worldBegan = System.currentTimeMillis();
            Host host = new Host(runtime, sqs, cloud, s, random);
            host.send(inputs(s, readyAfter.keySet(), eventTemplate, random, host));
            host.runUntilDone(runLimit(s));
            Map<String, Long> compliantAt = host.compliantAt;
            List<Long> latencies = new ArrayList<>();
            readyAfter.forEach((name, after) -> {
                Long at = compliantAt.get(arn(name));
                if (at != null) {
                    latencies.add(Math.max(0, at - (worldBegan + after)));
                }
            });
            latencies.sort(Long::compare);
            long writes = cloud.calls().calls().stream().filter(c -> c.write() && c.status() < 300).count();
            return host.figures(host.deadLetterReasons(), writes - writesPerCluster * latencies.size(), writes, latencies,
                    System.currentTimeMillis() - started);
        }
    }

    /**
     * How long a host loop may run before what has not ended counts as lost: the deadline plus three minutes, so that
     * a loaded machine's slow host is not mistaken for lost messages.
     */
    static Duration runLimit(Settings s) {
        return s.deadline().plus(Duration.ofMinutes(3));
    }

    /** What a host loop counts, on either cloud: messages in, how each ended, and when each target became compliant. */
    static class Tally {
        final Set<String> expectedEnds = new HashSet<>();
        final Set<String> ended = new HashSet<>();
        final Map<String, Long> compliantAt = new HashMap<>();
        final Map<String, Integer> outcomes = new TreeMap<>();
        int unnamedBad;
        int messagesIn;
        int reportsOut;
        int retried;
        int redelivered;
        long faults;

        /** A report read from the results queue at {@code now}: its request ended; an applied or compliant target is compliant from then. */
        void reportOut(JsonNode report, long now) {
            reportsOut++;
            ended.add(report.path("requestId").asText());
            String status = report.path("status").asText();
            String target = report.path("targets").path(0).path("target").asText();
            if ((status.equals("applied") || status.equals("compliant")) && !target.isEmpty()) {
                compliantAt.putIfAbsent(target, now);
            }
        }

        /** The figures, from the latencies (sorted) of the targets that became compliant. */
        Figures figures(Map<String, Integer> deadLettered, long duplicateWrites, long writes, List<Long> latencies,
                        long wallMs) {
            int lost = (int) expectedEnds.stream().filter(id -> !ended.contains(id)).count();
            return new Figures(messagesIn, expectedEnds.size() + unnamedBad, outcomes, reportsOut, retried, redelivered,
                    deadLettered, lost, duplicateWrites, writes, faults, latencies.size(), percentile(latencies, 50),
                    percentile(latencies, 99), wallMs);
        }
    }

    /** The host: receives like the Lambda event source mapping, runs the handler, deletes what succeeded. */
    private static final class Host extends Tally {
        private final SqsClient client;
        private final EmbeddedSqs sqs;
        private final LocalCloud cloud;
        private final QueueHandler handler;
        private final Settings settings;
        private final Random random;
        private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        private int callsSeen;

        Host(AwsRuntime runtime, EmbeddedSqs sqs, LocalCloud cloud, Settings settings, Random random) {
            this.client = runtime.clients().sqs();
            this.sqs = sqs;
            this.cloud = cloud;
            this.handler = new QueueHandler(runtime);
            this.settings = settings;
            this.random = random;
        }

        void send(List<String> bodies) {
            messagesIn += bodies.size();
            bodies.forEach(body -> client.sendMessage(r -> r.queueUrl(sqs.queueUrl(REQUESTS)).messageBody(body)));
        }

        void runUntilDone(Duration limit) {
            long end = System.currentTimeMillis() + limit.toMillis();
            while (System.currentTimeMillis() < end && !done()) {
                List<Message> batch = client.receiveMessage(r -> r.queueUrl(sqs.queueUrl(REQUESTS))
                        .maxNumberOfMessages(DeliveryLimits.SQS_BATCH_SIZE).waitTimeSeconds(1).visibilityTimeout(2)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (!batch.isEmpty()) {
                    handle(batch);
                }
                collectResults();
            }
        }

        private boolean done() {
            return ended.containsAll(expectedEnds) && queueEmpty();
        }

        private boolean queueEmpty() {
            Map<String, String> attributes = client.getQueueAttributes(r -> r.queueUrl(sqs.queueUrl(REQUESTS))
                    .attributeNamesWithStrings("All")).attributesAsStrings();
            return attributes.values().isEmpty() || ("0".equals(attributes.get("ApproximateNumberOfMessages"))
                    && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"))
                    && "0".equals(attributes.get("ApproximateNumberOfMessagesDelayed")));
        }

        private void handle(List<Message> batch) {
            injectFaults();
            SQSEvent event = new SQSEvent();
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (Message m : batch) {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId(m.messageId());
                record.setReceiptHandle(m.receiptHandle());
                record.setBody(m.body());
                record.setAttributes(new HashMap<>(m.attributesAsStrings()));
                record.setEventSource("aws:sqs");
                if (Integer.parseInt(m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "1")) > 1) {
                    redelivered++;
                }
                records.add(record);
            }
            event.setRecords(records);
            QueueResponse response = handler.handleRequest(event, new LocalLambdaContext("QueueFunction", quiet));
            response.getReports().forEach(r -> {
                outcomes.merge(String.valueOf(r.get("status")), 1, Integer::sum);
                if ("deferred".equals(String.valueOf(r.get("status")))) {
                    retried++;
                }
            });
            if (random.nextDouble() < settings.crashRate()) {
                return; // the host died after the handler: nothing is deleted, all come back after the visibility timeout
            }
            Set<String> failed = new HashSet<>();
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            for (Message m : batch) {
                if (!failed.contains(m.messageId())) {
                    client.deleteMessage(r -> r.queueUrl(sqs.queueUrl(REQUESTS)).receiptHandle(m.receiptHandle()));
                }
            }
        }

        /**
         * Transient faults on about {@code faultRate} of the calls made since the last batch, each on one call of an
         * API the baseline uses, picked at random, so that they spread over the calls instead of failing one call
         * again and again.
         */
        private void injectFaults() {
            int calls = cloud.calls().calls().size();
            long due = Math.round((calls - callsSeen) * settings.faultRate()) + (callsSeen == 0 ? 1 : 0);
            callsSeen = calls;
            for (long i = 0; i < due; i++) {
                String api = FAULTY_APIS.get(random.nextInt(FAULTY_APIS.size()));
                cloud.world().addFault(new Fault(api, api.startsWith("iam:") ? "Throttling" : "ThrottlingException",
                        null, null, 1));
                faults++;
            }
        }

        private void collectResults() {
            while (true) {
                List<Message> batch = client.receiveMessage(r -> r.queueUrl(sqs.queueUrl(RESULTS))
                        .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                if (batch.isEmpty()) {
                    return;
                }
                long now = System.currentTimeMillis();
                for (Message m : batch) {
                    reportOut(json(m.body()), now);
                    client.deleteMessage(r -> r.queueUrl(sqs.queueUrl(RESULTS)).receiptHandle(m.receiptHandle()));
                }
            }
        }

        /** The dead-letter queue's messages, by reason (the request id and times left out), read at the end. */
        Map<String, Integer> deadLetterReasons() {
            Map<String, Integer> reasons = new TreeMap<>();
            while (true) {
                List<Message> batch = client.receiveMessage(r -> r.queueUrl(sqs.queueUrl(DEAD_LETTERS))
                        .maxNumberOfMessages(10).waitTimeSeconds(0).messageAttributeNames("All")).messages();
                if (batch.isEmpty()) {
                    return reasons;
                }
                for (Message m : batch) {
                    var reason = m.messageAttributes().get(SqsWorkQueue.REASON_ATTRIBUTE);
                    String text = reason == null ? "no reason: " + m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "?")
                            + " receives without an answer" : reason.stringValue().replaceAll(" \\(first seen.*", "");
                    reasons.merge(text, 1, Integer::sum);
                    client.deleteMessage(r -> r.queueUrl(sqs.queueUrl(DEAD_LETTERS)).receiptHandle(m.receiptHandle()));
                }
            }
        }
    }

    /** One event per cluster (some twice), then the bad messages, shuffled. */
    private static List<String> inputs(Settings s, Set<String> clusters, String template, Random random, Host host) {
        List<String> bodies = new ArrayList<>();
        for (String name : clusters) {
            String id = UUID.nameUUIDFromBytes(name.getBytes()).toString();
            String event = template.replace("7bf73129-1428-4cd3-a780-95db273d1602", id).replace("eks-prod", name);
            host.expectedEnds.add(id);
            bodies.add(event);
            if (random.nextDouble() < s.duplicateRate()) {
                bodies.add(event);
            }
        }
        for (int i = 0; i < s.badMessages(); i++) {
            bodies.add("not a request #" + i);
            host.unnamedBad++;
            String contract = "bad-fields-" + i;
            bodies.add("{\"schemaVersion\":1,\"requestId\":\"" + contract + "\",\"requestedBy\":\"sim\",\"priority\":\"high\","
                    + "\"target\":{\"eksClusterArn\":\"" + arn("sim-0") + "\"}}");
            host.expectedEnds.add(contract);
            String azure = "azure-target-" + i;
            bodies.add("{\"schemaVersion\":1,\"requestId\":\"" + azure + "\",\"requestedBy\":\"sim\",\"target\":{\"azureResourceId\":"
                    + "\"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/"
                    + "Microsoft.ContainerService/managedClusters/aks\"}}");
            host.expectedEnds.add(azure);
        }
        java.util.Collections.shuffle(bodies, random);
        return bodies;
    }

    /** The successful writes one clean event makes for one new cluster: what "no duplicate writes" is measured by. */
    private static long calibrate(Baseline baseline, String template) {
        try (LocalCloud cloud = LocalCloud.start(world(Map.of("calibration", 0L)), AwsServices.all());
             EmbeddedSqs sqs = EmbeddedSqs.start(List.of(EmbeddedSqs.Queue.of(RESULTS), EmbeddedSqs.Queue.of(REQUESTS),
                     EmbeddedSqs.Queue.of(DEAD_LETTERS)))) {
            AwsRuntime runtime = new AwsRuntime(AwsConfig.local(cloud.endpoint(), ACCOUNT, REGION)
                    .withSqsEndpoint(sqs.endpoint()).withWorkQueues(sqs.queueUrl(REQUESTS), sqs.queueUrl(DEAD_LETTERS)), baseline);
            SQSEvent event = new SQSEvent();
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("calibration");
            message.setBody(template.replace("eks-prod", "calibration"));
            event.setRecords(List.of(message));
            QueueHandler handler = new QueueHandler(runtime);
            for (int i = 0; i < 20 && !"applied".equals(String.valueOf(handler.handleRequest(event, null).getReports()
                    .get(0).get("status"))); i++) {
                sleep(200); // IAM propagation: the association comes once the role is visible
            }
            return cloud.calls().calls().stream().filter(c -> c.write() && c.status() < 300).count();
        }
    }

    private static World world(Map<String, Long> readyAfter) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode account = root.putObject("aws").putObject("accounts").putObject(ACCOUNT);
        // the platform admin role the demo baseline gives an access entry on every cluster of the account
        account.putObject("iam").putObject("roles").putObject("cluster-admin").put("path", "/platform/");
        ObjectNode clusters = account.putObject("regions").putObject(REGION).putObject("clusters");
        readyAfter.forEach((name, after) -> {
            ObjectNode cluster = clusters.putObject(name).put("version", "1.31");
            cluster.putObject("accessConfig").put("authenticationMode", "API_AND_CONFIG_MAP");
            if (after > 0) {
                cluster.put("status", "CREATING").put("readyAfterMs", after);
            }
        });
        return World.parse(root.toString());
    }

    private static String arn(String name) {
        return "arn:aws:eks:" + REGION + ":" + ACCOUNT + ":cluster/" + name;
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
