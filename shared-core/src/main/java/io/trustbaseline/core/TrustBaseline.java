package io.trustbaseline.core;

import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.notify.Notifier;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.reconcile.Reconciler;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.request.RequestParser;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.target.TargetState;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every entry point calls: a request document or a target in, a report out. Built once per process with the
 * cloud module's ports; thread-safe.
 */
public final class TrustBaseline {
    private final Catalog catalog;
    private final Baseline baseline;
    private final RequestParser parser;
    private final Reconciler reconciler;
    private final Notifier notifier;

    public TrustBaseline(Catalog catalog, Baseline baseline, Ports ports, Retrier retrier) {
        this(catalog, baseline, ports, retrier, Clock.systemUTC());
    }

    /** {@code clock} decides which of the baseline's exemptions are in force. */
    public TrustBaseline(Catalog catalog, Baseline baseline, Ports ports, Retrier retrier, Clock clock) {
        this(catalog, baseline, new RequestParser(catalog), new Reconciler(catalog, baseline, ports, retrier, clock),
                Notifier.NONE);
    }

    private TrustBaseline(Catalog catalog, Baseline baseline, RequestParser parser, Reconciler reconciler,
                          Notifier notifier) {
        this.catalog = catalog;
        this.baseline = baseline;
        this.parser = parser;
        this.reconciler = reconciler;
        this.notifier = notifier;
    }

    /** This facade, telling {@code notifier} about every report it makes. */
    public TrustBaseline notifying(Notifier notifier) {
        return new TrustBaseline(catalog, baseline, parser, reconciler, notifier);
    }

    public TrustBaseline(Baseline baseline, Ports ports) {
        this(Catalog.standard(), baseline, ports, new Retrier(RetryPolicy.standard()));
    }

    public Catalog catalog() { return catalog; }

    public Baseline baseline() { return baseline; }

    public RequestParser parser() { return parser; }

    /**
     * Parses a request document, or a {@link WorkMessage} the functions enqueued, and reconciles it; a document that
     * breaks the contract gives a rejected report.
     */
    public Report handle(String requestJson, Trigger trigger) {
        return handle(requestJson, trigger, false);
    }

    /**
     * As {@link #handle(String, Trigger)}, but {@code forceDryRun} makes every request a dry run whatever it asks:
     * a function deployed read-only (its DRY_RUN setting) must not write because a ticket said {@code dryRun: false}.
     */
    public Report handle(String requestJson, Trigger trigger, boolean forceDryRun) {
        return handle(() -> parse(requestJson, trigger), () -> RequestIds.bestEffort(requestJson), trigger, forceDryRun,
                Optional.empty());
    }

    /** A work message the functions enqueued carries its own trigger; anything else is read as a request document. */
    private Request parse(String message, Trigger trigger) {
        Optional<WorkMessage> work = WorkMessage.tryRead(message);
        return work.isPresent() ? parser.parse(work.get().request(), work.get().trigger()) : parser.parse(message, trigger);
    }

    /**
     * Reconciles the request a work message carries, as already read from its queue (it is not parsed again), from
     * the state its sweep listed when it carries one.
     */
    public Report handle(WorkMessage work, boolean forceDryRun) {
        return handle(() -> parser.parse(work.request(), work.trigger()), () -> RequestIds.bestEffort(work.request()),
                work.trigger(), forceDryRun, work.listed());
    }

    /** A request that breaks the contract gives a rejected report, traced by its request id when one can be read. */
    private Report handle(Supplier<Request> parse, Supplier<String> requestId, Trigger trigger, boolean forceDryRun,
                          Optional<TargetState> listed) {
        long started = System.nanoTime();
        Request request;
        try {
            request = parse.get();
        } catch (InvalidInputException e) {
            return notified(Report.rejected(requestId.get(), trigger, forceDryRun, null, e.errors(),
                    (System.nanoTime() - started) / 1_000_000));
        }
        return notified(reconciler.reconcile(forceDryRun ? request.withDryRun(true) : request, listed));
    }

    public Report handle(Request request) {
        return notified(reconciler.reconcile(request));
    }

    private Report notified(Report report) {
        notifier.notify(report);
        return report;
    }
}
