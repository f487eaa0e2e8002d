package io.trustbaseline.cli;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.aws.AwsConfig;
import io.trustbaseline.aws.AwsRuntime;
import io.trustbaseline.aws.ManualHandler;
import io.trustbaseline.aws.QueueHandler;
import io.trustbaseline.aws.QueueResponse;
import io.trustbaseline.aws.SweepHandler;
import io.trustbaseline.azure.AzureRuntime;
import io.trustbaseline.azure.Reconcile;
import io.trustbaseline.azure.ResourceWritten;
import io.trustbaseline.azure.Sweep;
import io.trustbaseline.azure.TicketQueue;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.azure.local.LocalDelivery;
import io.trustbaseline.azure.local.LocalHttpRequest;
import io.trustbaseline.azure.local.LocalInvocation;
import io.trustbaseline.azure.local.LocalOutput;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.core.AppSettings;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.sweep.SweepLaunch;
import io.trustbaseline.core.sweep.SweepResults;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Hands a payload to the entry point the cloud would call — the Azure function method with an execution context
 * and its output binding, or the Lambda handler with a Lambda context — and reads the reports from its output.
 * Each cloud's runtime is built on first use, as a function instance builds it once.
 */
public final class Launcher {
    /** How many queue workers a local sweep runs unless told otherwise ({@code --workers}). */
    public static final int DEFAULT_WORKERS = 8;

    private final Supplier<AzureRuntime> azure;
    private final Supplier<AwsRuntime> aws;
    private final PrintStream err;
    /** The Azure trust-requests queue of this run: what the Event Grid function enqueues, the worker takes here. */
    private final LocalQueue azureQueue;
    /** Where sweeps fan out: the queues the local sweep enqueues on and the workers that drain them. */
    private final Optional<LocalFanOut> fanOut;

    private Launcher(Supplier<AzureRuntime> azure, Supplier<AwsRuntime> aws, PrintStream err, LocalQueue azureQueue,
                     Optional<LocalFanOut> fanOut) {
        this.azure = memoize(azure);
        this.aws = memoize(aws);
        this.err = err;
        this.azureQueue = azureQueue;
        this.fanOut = fanOut;
    }

    /** Against the local cloud: the world's subscriptions, accounts and regions are what the sweeps cover. */
    public static Launcher local(LocalSession session, Baseline baseline, boolean dryRun, PrintStream err) {
        return local(session, baseline, dryRun, DEFAULT_WORKERS, err);
    }

    /**
     * As {@link #local(LocalSession, Baseline, boolean, PrintStream)}, a sweep's work drained by {@code workers}
     * queue workers in this process.
     */
    public static Launcher local(LocalSession session, Baseline baseline, boolean dryRun, int workers, PrintStream err) {
        WorldScope scope = WorldScope.of(session.world());
        LocalFanOut fanOut = new LocalFanOut(session, workers);
        LocalQueue azureQueue = fanOut.azureQueue();
        return new Launcher(
                () -> AzureRuntime.builder(ArmConnection.local(session.endpoint()), baseline)
                        .dryRun(dryRun).sweepSubscriptions(scope.subscriptions()).queues(azureQueue, azureQueue)
                        .sweepResults(fanOut.azureResults()).build(),
                () -> new AwsRuntime(AwsConfig.local(session.endpoint(), scope.awsAccount(), scope.awsHomeRegion())
                        .withSweep(scope.awsRegions(), List.of(), null)
                        .withSqsEndpoint(session.sqs().endpoint())
                        .withResultsQueue(session.sqs().queueUrl(LocalSession.RESULTS_QUEUE))
                        .withWorkQueues(session.sqs().queueUrl(LocalSession.REQUESTS_QUEUE.name()),
                                session.sqs().queueUrl(LocalSession.REQUESTS_QUEUE.deadLetterQueue()))
                        .withSweepResultsBucket(LocalSession.SWEEP_RESULTS_BUCKET)
                        .withForcedDryRun(dryRun), baseline),
                err, azureQueue, Optional.of(fanOut));
    }

    /**
     * Against the real clouds, with each SDK's default credentials and the functions' own settings; a missing region
     * or credential is a {@link UsageException} naming it, raised before the entry point runs.
     */
    static Launcher real(Baseline baseline, boolean dryRun, PrintStream err) {
        Map<String, String> env = System.getenv();
        LocalQueue azureQueue = new LocalQueue();
        return new Launcher(
                () -> AzureRuntime.builder(ArmConnection.azure(RealCredentials.azure(), env.get("AZURE_TENANT_ID")), baseline)
                        .dryRun(dryRun).sweepSubscriptions(AppSettings.list(env, AzureRuntime.SWEEP_SUBSCRIPTIONS))
                        .queues(azureQueue, azureQueue).build(),
                () -> {
                    AwsConfig settings = AwsConfig.fromEnvironment(env);
                    String region = RealCredentials.awsRegion();
                    AwsConfig config = AwsConfig.of(RealCredentials.aws(), region)
                            .withSweep(settings.sweepRegions(), settings.sweepAccounts(), settings.sweepRoleName().orElse(null))
                            .withForcedDryRun(dryRun || settings.forceDryRun());
                    // The queue function puts waiting work back on the deployment's own queues, when they are named.
                    if (settings.requestsQueueUrl().isPresent() && settings.deadLetterQueueUrl().isPresent()) {
                        config = config.withWorkQueues(settings.requestsQueueUrl().get(), settings.deadLetterQueueUrl().get());
                    }
                    return new AwsRuntime(config, baseline);
                },
                err, new LocalQueue(), Optional.empty());
    }

    public Invocation invoke(PayloadKind kind, String payload) {
        JsonNode node = tree(payload);
        return switch (kind) {
            case EVENT_GRID, CLOUD_EVENTS -> invocation(azureFunction(ResourceWritten.class, "Event Grid trigger"),
                    new LocalDelivery(azure.get(), azureQueue).event(payload));
            case AZURE_QUEUE_MESSAGE -> invocation(azureFunction(TicketQueue.class, "Storage queue trigger"),
                    new TicketQueue(azure.get()).work(node.path("input").asText(), Instant.now(), new LocalOutput<>(),
                            new LocalInvocation("TicketQueue")).report().toJson());
            case AZURE_TIMER -> sweep(azureFunction(Sweep.class, "timer trigger"),
                    new Sweep(azure.get()).run(payload, new LocalInvocation("Sweep")),
                    f -> f.drainAzure(azure.get()), () -> azure.get().sweepResults());
            case REQUEST -> isAws(node) ? manualLambda(payload) : httpReconcile(payload);
            case EVENTBRIDGE -> queue(sqsEvent(payload), "SQS trigger, the EventBridge rule's delivery");
            case SQS_EVENT -> queue(LambdaEventSerializers.serializerFor(SQSEvent.class, getClass().getClassLoader())
                    .fromJson(payload), "SQS trigger");
            case SCHEDULED_EVENT -> {
                ScheduledEvent event = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader())
                        .fromJson(payload);
                Map<String, Object> launch = new SweepHandler(aws.get()).handleRequest(event, new LocalLambdaContext("SweepHandler", err));
                yield sweep(lambda(SweepHandler.class, "EventBridge schedule"), Json.write(launch),
                        f -> f.drainAws(aws.get(), err), () -> aws.get().sweepResults());
            }
        };
    }

    private static String azureFunction(Class<?> function, String trigger) {
        return "Azure function " + function.getSimpleName() + " (" + trigger + ")";
    }

    private static String lambda(Class<?> handler, String trigger) {
        return "Lambda " + handler.getSimpleName() + " (" + trigger + ")";
    }

    /**
     * A sweep launched: locally its work is drained by the workers, and the invocation's output is the sweep's
     * summary, whose calls count the listing and every worker's calls; its reports are the workers' reports. Against
     * the real clouds the launch is the output: the deployed queue function does the work.
     */
    private Invocation sweep(String entryPoint, String launchJson, java.util.function.Function<LocalFanOut, String> drain,
                             Supplier<Optional<SweepResults>> results) {
        if (fanOut.isEmpty() || results.get().isEmpty()) {
            err.println("sweep enqueued; the deployed queue workers reconcile its targets");
            return new Invocation(entryPoint, launchJson, List.of());
        }
        SweepLaunch launch = SweepLaunch.fromJson(launchJson);
        err.println("sweep " + launch.sweepId() + ": " + launch.enqueued() + " target(s) enqueued; " + drain.apply(fanOut.get()));
        List<Report> reports = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        results.get().get().forEachReport(launch, r -> { // latest first: a request id reported again counts as its latest
            if (reported.add(r.requestId())) {
                reports.add(r);
            }
        });
        reports.sort(java.util.Comparator.comparingLong(Launcher::sweepOrder));
        return new Invocation(entryPoint, results.get().get().summarize(launch).toJson(), reports);
    }

    /** The number a sweep gave its target's work ({@code <sweepId>:<n>}): the order it listed them in. */
    private static long sweepOrder(Report report) {
        String id = report.requestId();
        try {
            return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private Invocation httpReconcile(String body) {
        LocalHttpRequest.Response response = (LocalHttpRequest.Response) new Reconcile(azure.get())
                .run(LocalHttpRequest.post(URI.create("http://localhost:7071/api/reconcile"), body), new LocalInvocation("Reconcile"));
        err.println("POST /api/reconcile -> HTTP " + response.getStatus().value());
        return invocation(azureFunction(Reconcile.class, "HTTP POST /api/reconcile"), (String) response.getBody());
    }

    private Invocation manualLambda(String payload) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            new ManualHandler(aws.get()).handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
                    output, new LocalLambdaContext("ManualHandler", err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return invocation(lambda(ManualHandler.class, "direct invoke"), output.toString(StandardCharsets.UTF_8));
    }

    private Invocation queue(SQSEvent event, String trigger) {
        sentNow(event);
        QueueResponse response = new QueueHandler(aws.get()).handleRequest(event, new LocalLambdaContext("QueueHandler", err));
        if (!response.getBatchItemFailures().isEmpty()) {
            err.println(response.getBatchItemFailures().size() + " message(s) left on the queue for redelivery"
                    + " (their outcome could not be recorded: SQS delivers them again, then dead-letters them)");
        }
        List<Report> reports = response.getReports().stream().map(r -> Json.MAPPER.convertValue(r, Report.class)).toList();
        return new Invocation(lambda(QueueHandler.class, trigger), Json.write(response), reports);
    }

    /**
     * A payload replayed here is sent now: its readiness deadline counts from this run, not from the sample's date
     * (each message's SentTimestamp).
     */
    public static SQSEvent sentNow(SQSEvent event) {
        String now = String.valueOf(System.currentTimeMillis());
        event.getRecords().forEach(m -> {
            Map<String, String> attributes = new HashMap<>(m.getAttributes() == null ? Map.of() : m.getAttributes());
            attributes.put("SentTimestamp", now);
            m.setAttributes(attributes);
        });
        return event;
    }

    /** An EventBridge event reaches the handler the way the rule delivers it: as the body of one SQS message. */
    private static SQSEvent sqsEvent(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(body);
        message.setEventSource("aws:sqs");
        message.setAttributes(new HashMap<>(Map.of("ApproximateReceiveCount", "1")));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** Output that is one report or an array of reports. */
    private static Invocation invocation(String entryPoint, String output) {
        JsonNode node = tree(output);
        List<Report> reports = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(r -> reports.add(Json.MAPPER.convertValue(r, Report.class)));
        } else {
            reports.add(Json.MAPPER.convertValue(node, Report.class));
        }
        return new Invocation(entryPoint, output, reports);
    }

    private static boolean isAws(JsonNode request) {
        JsonNode target = request.path("target");
        return target.has("eksClusterArn") || target.has("eksCluster");
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
