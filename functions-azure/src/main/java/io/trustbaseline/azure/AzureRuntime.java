package io.trustbaseline.azure;

import com.azure.identity.DefaultAzureCredentialBuilder;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.azure.arm.ArmInventory;
import io.trustbaseline.azure.arm.ArmKeyVaults;
import io.trustbaseline.azure.arm.ArmRegistries;
import io.trustbaseline.azure.arm.ArmRoleAssignments;
import io.trustbaseline.azure.arm.ArmStorage;
import io.trustbaseline.azure.arm.ArmTargets;
import io.trustbaseline.azure.arm.ArmTrustedAccess;
import io.trustbaseline.azure.arm.ArmWorkspaces;
import io.trustbaseline.azure.event.ResourceWriteEvents;
import io.trustbaseline.core.AppSettings;
import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.notify.Notifier;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineSource;
import io.trustbaseline.core.delivery.DeadLetterQueue;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.delivery.DeliveryPolicy;
import io.trustbaseline.core.delivery.QueueWorker;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.delivery.WorkQueue;
import io.trustbaseline.core.port.AzurePorts;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.delivery.WorkQueue;
import io.trustbaseline.core.sweep.ResultsStore;
import io.trustbaseline.core.sweep.SweepResults;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Everything the Azure functions share in one process: the ARM connection and its adapters, the baseline, and the
 * settings. The platform's no-arg entry points use {@link #shared()}, built once from the app settings; the CLI and
 * tests build one explicitly with {@link #builder}, without environment variables.
 */
public final class AzureRuntime {
    /** Points every manager at one ARM endpoint without a bearer token (the local cloud). */
    public static final String ARM_ENDPOINT = "TRUST_BASELINE_ARM_ENDPOINT";
    /** {@code true}: every request is a dry run, whatever it asks. */
    public static final String DRY_RUN = "DRY_RUN";
    /** Comma-separated subscription ids the timer sweeps. */
    public static final String SWEEP_SUBSCRIPTIONS = "SWEEP_SUBSCRIPTIONS";
    /** The Blob container of the sweeps' results, {@code https://<account>.blob.core.windows.net/<container>}. */
    public static final String SWEEP_RESULTS_CONTAINER_URL = "SWEEP_RESULTS_CONTAINER_URL";
    /**
     * The storage account of the host and of the ticket queues: a connection string, or the identity-based settings
     * {@code AzureWebJobsStorage__queueServiceUri} (or {@code __accountName}) and {@code __credential} ({@link StorageConnection}).
     */
    public static final String STORAGE = "AzureWebJobsStorage";
    static final String EVENT_REQUESTER = "event-grid";

    private static AzureRuntime shared;

    private final TrustBaseline trust;
    private final ArmInventory inventory;
    private final boolean forceDryRun;
    private final List<String> sweepSubscriptions;
    private final Optional<WorkQueue> workQueue;
    private final Optional<DeadLetterQueue> deadLetters;
    private final DeliveryPolicy delivery;
    private final Optional<SweepResults> sweepResults;

    private AzureRuntime(Builder b) {
        Ports ports = Ports.azure(new ArmTargets(b.arm, b.sweepSubscriptions), new AzurePorts(new ArmTrustedAccess(b.arm, b.retrier),
                new ArmRegistries(b.arm, b.retrier), new ArmStorage(b.arm), new ArmWorkspaces(b.arm), new ArmRoleAssignments(b.arm),
                new ArmKeyVaults(b.arm)));
        Retrier calls = messageRetrier(b.retrier, b.arm, b.messageBudget, System::nanoTime);
        this.trust = new TrustBaseline(b.catalog, b.baseline, ports, calls).notifying(b.notifier);
        this.inventory = new ArmInventory(b.arm, b.sweepSubscriptions);
        this.sweepResults = Optional.ofNullable(b.sweepResults).map(SweepResults::new);
        this.forceDryRun = b.dryRun;
        this.sweepSubscriptions = List.copyOf(b.sweepSubscriptions);
        // One queue, trust-requests, for events, tickets, waiting work and a sweep's fan-out, as in the cloud.
        this.workQueue = Optional.ofNullable(b.workQueue);
        this.deadLetters = Optional.ofNullable(b.deadLetters);
        this.delivery = b.delivery;
    }

    /**
     * {@code retrier}, each work item's calls within {@code budget} ({@link DeliveryLimits#AZURE_MESSAGE_BUDGET} when
     * deployed) on the clock {@code nanoTime}: an attempt lasts at most the connection's response timeout, and a
     * long-running write's polls are retried by the work item's retrier ({@link ArmConnection}), so no message's
     * calls outlast the budget by more than one wait between polls ({@link ArmConnection#POLL_WAIT}).
     */
    static Retrier messageRetrier(Retrier retrier, ArmConnection arm, Duration budget, LongSupplier nanoTime) {
        return retrier.withWorkBudget(new Retrier.WorkBudget(budget, arm.responseTimeout(), nanoTime));
    }

    public static Builder builder(ArmConnection arm, Baseline baseline) {
        return new Builder(arm, baseline);
    }

    /** The process's runtime, built from the app settings on first use (a failed build is retried next time). */
    public static synchronized AzureRuntime shared() {
        if (shared == null) {
            shared = fromEnvironment(System.getenv());
        }
        return shared;
    }

    /** A runtime from app settings: see {@code local.settings.json.example}. */
    public static AzureRuntime fromEnvironment(Map<String, String> env) {
        ArmConnection arm = AppSettings.value(env, ARM_ENDPOINT)
                .map(endpoint -> ArmConnection.local(URI.create(endpoint)))
                .orElseGet(() -> ArmConnection.azure(new DefaultAzureCredentialBuilder().build(), env.get("AZURE_TENANT_ID")));
        Builder builder = builder(arm, BaselineSource.load(env, Catalog.standard()))
                .dryRun(AppSettings.flag(env, DRY_RUN))
                .sweepSubscriptions(AppSettings.list(env, SWEEP_SUBSCRIPTIONS))
                .delivery(DeliveryPolicy.fromSettings(env))
                .notifier(AzureNotifications.from(env));
        StorageConnection.fromSettings(env, STORAGE).map(StorageWorkQueue::connect).ifPresent(q -> builder.queues(q, q));
        AppSettings.value(env, SWEEP_RESULTS_CONTAINER_URL)
                .map(url -> BlobResultsStore.of(url, new DefaultAzureCredentialBuilder().build()))
                .ifPresent(builder::sweepResults);
        return builder.build();
    }

    public boolean forcesDryRun() { return forceDryRun; }

    /** The worker of the ticket queue: reconciles a message and ends it once. */
    public QueueWorker queueWorker() {
        return new QueueWorker(trust, delivery, workQueue(), deadLetters.orElseThrow(), Clock.systemUTC(), forceDryRun);
    }

    /** The {@code trust-requests} queue, which events, waiting work and the sweep's work are put on. */
    public WorkQueue workQueue() {
        return workQueue.orElseThrow(() -> new IllegalStateException("the queue functions need the app setting "
                + STORAGE + ": the storage account of the trust-requests queue"));
    }

    public List<String> sweepSubscriptions() { return sweepSubscriptions; }

    /** A request document (ticket, HTTP body): its report, rejected when the document breaks the contract. */
    public Report handle(String requestJson, Trigger trigger) {
        return trust.handle(requestJson, trigger, forceDryRun);
    }

    /**
     * One Event Grid event as the function answers it at once: work that brings the written resource to the
     * baseline (for the queue worker), or its report (an event that asks nothing, or a rejection).
     */
    public QueueWorker.Incoming read(ResourceWriteEvents.Outcome event, Instant seenAt) {
        if (event instanceof ResourceWriteEvents.Act act) {
            return new QueueWorker.Work(WorkMessage.forTarget(Trigger.EVENT, act.eventId(), EVENT_REQUESTER,
                    act.resource(), false, seenAt, Optional.empty()));
        }
        if (event instanceof ResourceWriteEvents.Ignore ignore) {
            return new QueueWorker.Answer(new Report(ignore.eventId(), Trigger.EVENT, forceDryRun, Status.IGNORED,
                    EVENT_REQUESTER, List.of(new TargetReport(ignore.subject() == null ? "unknown" : ignore.subject(),
                            Status.IGNORED, "ignored: " + ignore.reason(), List.of(), null)), List.of(), Calls.NONE, 0));
        }
        ResourceWriteEvents.Invalid invalid = (ResourceWriteEvents.Invalid) event;
        return new QueueWorker.Answer(Report.rejected(invalid.eventId(), Trigger.EVENT, forceDryRun, EVENT_REQUESTER,
                invalid.errors(), 0));
    }

    /** The resources a sweep covers: the four managed types in each of {@code SWEEP_SUBSCRIPTIONS}. */
    public ArmInventory inventory() { return inventory; }

    /** The sweeps' results store, when configured. */
    public Optional<SweepResults> sweepResults() { return sweepResults; }

    /** What a runtime is built from; only the connection and the baseline are required. */
    public static final class Builder {
        private final ArmConnection arm;
        private final Baseline baseline;
        private Catalog catalog = Catalog.standard();
        private Retrier retrier = new Retrier(RetryPolicy.standard());
        private boolean dryRun;
        private List<String> sweepSubscriptions = List.of();
        private WorkQueue workQueue;
        private DeadLetterQueue deadLetters;
        private DeliveryPolicy delivery = DeliveryPolicy.standard();
        private ResultsStore sweepResults;
        private Notifier notifier = Notifier.NONE;
        private Duration messageBudget = DeliveryLimits.AZURE_MESSAGE_BUDGET;

        private Builder(ArmConnection arm, Baseline baseline) {
            this.arm = arm;
            this.baseline = baseline;
        }

        public Builder catalog(Catalog catalog) { this.catalog = catalog; return this; }

        /**
         * How cloud calls are retried (tests pass one whose sleeper records instead of waiting); each work item's
         * calls are bounded by {@link #messageBudget} on top of it.
         */
        public Builder retrier(Retrier retrier) { this.retrier = retrier; return this; }

        public Builder dryRun(boolean dryRun) { this.dryRun = dryRun; return this; }

        /** How long one work item's calls may take in all (tests give a short one to see it run out). */
        public Builder messageBudget(Duration budget) { this.messageBudget = budget; return this; }

        public Builder notifier(Notifier notifier) { this.notifier = notifier; return this; }

        public Builder sweepSubscriptions(List<String> subscriptions) { this.sweepSubscriptions = subscriptions; return this; }

        /** Where the sweeps' per-target reports and summaries are kept. */
        public Builder sweepResults(ResultsStore store) { this.sweepResults = store; return this; }

        /** The requests queue and where expired work goes (the Storage queues, or a local stand-in). */
        public Builder queues(WorkQueue workQueue, DeadLetterQueue deadLetters) {
            this.workQueue = workQueue;
            this.deadLetters = deadLetters;
            return this;
        }

        public Builder delivery(DeliveryPolicy delivery) { this.delivery = delivery; return this; }

        public AzureRuntime build() { return new AzureRuntime(this); }
    }
}
