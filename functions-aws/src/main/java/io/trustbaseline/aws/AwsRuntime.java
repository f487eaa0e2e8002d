package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.Context;
import io.trustbaseline.core.AppSettings;
import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.notify.Notifier;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineSource;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.delivery.QueueWorker;
import io.trustbaseline.core.port.AwsPorts;
import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.delivery.WorkQueue;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.sweep.SweepResults;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Everything the AWS functions share in one process: configuration, SDK clients, the adapters and the core. The
 * platform's handlers use {@link #shared()}, built once from the environment (and so captured by SnapStart); the
 * CLI and tests build one explicitly with {@link #AwsRuntime(AwsConfig, Baseline)}.
 */
public final class AwsRuntime {
    private final AwsConfig config;
    private final AwsClients clients;
    private final TrustBaseline trustBaseline;
    private final Optional<ResultsQueue> results;
    private final Optional<SqsWorkQueue> workQueue;
    private final Optional<SweepResults> sweepResults;

    public AwsRuntime(AwsConfig config, Baseline baseline) {
        this(config, baseline, clients -> Notifier.NONE);
    }

    /** {@code notifications} gives the notifier of this runtime's reports, from its clients (for the secret). */
    public AwsRuntime(AwsConfig config, Baseline baseline, Function<AwsClients, Notifier> notifications) {
        this(config, new AwsClients(config), baseline, notifications);
    }

    private AwsRuntime(AwsConfig config, AwsClients clients, Baseline baseline, Function<AwsClients, Notifier> notifications) {
        this.config = config;
        this.clients = clients;
        Ports ports = Ports.aws(new EksTargetAdapter(clients), new AwsPorts(new EksAdapter(clients), new IamAdapter(clients)));
        this.trustBaseline = new TrustBaseline(Catalog.standard(), baseline, ports, messageRetrier(config, System::nanoTime))
                .notifying(notifications.apply(clients));
        this.results = config.resultsQueueUrl().map(url -> new ResultsQueue(clients.sqs(), url));
        this.workQueue = config.requestsQueueUrl()
                .map(requests -> new SqsWorkQueue(clients.sqs(), requests, config.deadLetterQueueUrl().orElse(null)));
        this.sweepResults = config.sweepResultsBucket().map(bucket -> new SweepResults(new S3ResultsStore(clients.s3(), bucket)));
    }

    /**
     * Retries as standard, each message's calls within {@link DeliveryLimits#MESSAGE_BUDGET}: an attempt lasts at most
     * the clients' call timeout (their apiCallTimeout), so no message takes longer than the queue handler reserves.
     */
    static Retrier messageRetrier(AwsConfig config, LongSupplier nanoTime) {
        return new Retrier(RetryPolicy.standard()).withWorkBudget(new Retrier.WorkBudget(DeliveryLimits.MESSAGE_BUDGET,
                config.callTimeout(), nanoTime));
    }

    /**
     * From the Lambda environment ({@link AwsConfig#fromEnvironment}; the baseline from the Parameter Store parameter
     * {@value BaselineParameter#SETTING} names, else as {@link BaselineSource} finds it), with the home region's
     * clients built during init, where SnapStart captures them.
     */
    public static AwsRuntime fromEnvironment() {
        return fromSettings(AwsConfig.fromEnvironment(System.getenv()), System.getenv());
    }

    /**
     * As {@link #fromEnvironment()}, with the configuration given, and the baseline and the notifications found as
     * {@code settings} say.
     */
    public static AwsRuntime fromSettings(AwsConfig config, Map<String, String> settings) {
        AwsClients clients = new AwsClients(config);
        Baseline baseline = AppSettings.value(settings, BaselineParameter.SETTING)
                .map(name -> BaselineParameter.load(clients.ssm(), name))
                .orElseGet(() -> BaselineSource.load(settings, Catalog.standard()));
        AwsRuntime runtime = new AwsRuntime(config, clients, baseline, c -> AwsNotifications.from(settings, c));
        clients.prime();
        return runtime;
    }

    /** The process's runtime, built from the environment on first use. */
    public static AwsRuntime shared() {
        return Shared.RUNTIME;
    }

    private static final class Shared {
        static final AwsRuntime RUNTIME = fromEnvironment();
        /** Held here: the CRaC context that SnapStart runs holds its resources only weakly. */
        static final SnapStartPriming PRIMING = SnapStartPriming.register(RUNTIME);
    }

    /** This runtime's baseline over other clients and configuration, notifying no one: what priming rehearses on. */
    AwsRuntime over(AwsConfig config, AwsClients clients) {
        return new AwsRuntime(config, clients, trustBaseline.baseline(), c -> Notifier.NONE);
    }

    public AwsConfig config() { return config; }

    public AwsClients clients() { return clients; }

    public TrustBaseline trustBaseline() { return trustBaseline; }

    public Optional<ResultsQueue> results() { return results; }

    /** The requests queue and its dead-letter queue, as the functions write to them. */
    public SqsWorkQueue workQueue() {
        if (workQueue.isEmpty() || config.deadLetterQueueUrl().isEmpty()) {
            throw new IllegalStateException("the queue function needs " + AwsConfig.REQUESTS_QUEUE_URL + " and "
                    + AwsConfig.DEAD_LETTER_QUEUE_URL + ": the queues it puts waiting and expired work on");
        }
        return workQueue.get();
    }

    /** The worker of the requests queue: reconciles a message and ends it once. */
    public QueueWorker queueWorker() {
        SqsWorkQueue queue = workQueue();
        return new QueueWorker(trustBaseline, config.delivery(), queue, queue, Clock.systemUTC(), config.forceDryRun());
    }

    /** {@code trust-requests}, where the sweep enqueues its work ({@code REQUESTS_QUEUE_URL}). */
    public WorkQueue requests() {
        return workQueue.orElseThrow(() -> new IllegalStateException(AwsConfig.REQUESTS_QUEUE_URL
                + " is not set: the sweep has no queue to enqueue its work on"));
    }

    /** The sweeps' results bucket ({@code SWEEP_RESULTS_BUCKET}), when configured. */
    public Optional<SweepResults> sweepResults() { return sweepResults; }

    /** The clusters a sweep covers: every region to sweep, in the function's own account and each configured one. */
    public EksInventory inventory(Context context) {
        java.util.Set<String> accounts = new java.util.LinkedHashSet<>();
        accounts.add(ownAccountId(context));
        accounts.addAll(config.sweepAccounts());
        return new EksInventory(clients, List.copyOf(accounts), config.regionsToSweep());
    }

    /**
     * The function's own account: configured, else read from the invoked function's ARN, else asked of STS once
     * (GetCallerIdentity needs no permission).
     */
    public String ownAccountId(Context context) {
        if (config.ownAccountId().isPresent()) {
            return config.ownAccountId().get();
        }
        String arn = context == null ? null : context.getInvokedFunctionArn();
        String[] parts = arn == null ? new String[0] : arn.split(":");
        if (parts.length > 4 && !parts[4].isEmpty()) {
            return parts[4];
        }
        return clients.ownAccountId();
    }
}
