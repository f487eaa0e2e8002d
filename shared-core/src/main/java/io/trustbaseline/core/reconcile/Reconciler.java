package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.port.TargetPort;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.ExemptionNote;
import io.trustbaseline.core.report.ItemError;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.GuardScope;
import io.trustbaseline.core.setting.PlanAction;
import io.trustbaseline.core.setting.Setting;
import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings one target to what a request asks: guardrails → observe the target → plan each item → apply unless dry
 * run → re-plan to verify → report. A compliant target costs reads only; a target that is not ready is deferred
 * with nothing written; a guardrail breach rejects the whole request before any cloud call.
 */
public final class Reconciler {
    /** How many times an item is planned again after conflicts before its work is left to a later delivery. */
    public static final int CONFLICT_ROUNDS = 3;
    private final Catalog catalog;
    private final Baseline baseline;
    private final Ports ports;
    private final Retrier retrier;
    private final Clock clock;

    public Reconciler(Catalog catalog, Baseline baseline, Ports ports, Retrier retrier) {
        this(catalog, baseline, ports, retrier, Clock.systemUTC());
    }

    /** {@code clock} decides which exemptions are in force (their dates are UTC). */
    public Reconciler(Catalog catalog, Baseline baseline, Ports ports, Retrier retrier, Clock clock) {
        this.catalog = catalog;
        this.baseline = baseline;
        this.ports = ports;
        this.retrier = retrier;
        this.clock = clock;
    }

    public Report reconcile(Request request) {
        return reconcile(request, Optional.empty());
    }

    /**
     * As {@link #reconcile(Request)}, planning first from {@code listed}, the state a sweep's listing returned of the
     * target, with no read of it: a compliant target then costs no call of its own. The listed state is never the
     * ground for a write: when a plan from it would change something, or it says the target is not ready, the target
     * is read afresh and every item planned again from that read.
     */
    public Report reconcile(Request request, Optional<TargetState> listed) {
        long started = System.nanoTime();
        List<FieldError> breaches = guard(request);
        if (!breaches.isEmpty()) {
            return Report.rejected(request.requestId(), request.trigger(), request.dryRun(), request.requestedBy(),
                    breaches, millisSince(started));
        }
        TargetPort targets = ports.targets();
        try {
            if (!targets.serves(request.target())) {
                return Report.rejected(request.requestId(), request.trigger(), request.dryRun(), request.requestedBy(),
                        List.of(new FieldError("target", "served-scopes", targets.whyNotServed(request.target()))),
                        millisSince(started));
            }
        } catch (CloudException e) {
            return new Report(request.requestId(), request.trigger(), request.dryRun(), Status.FAILED,
                    request.requestedBy(), List.of(new TargetReport(request.target().id(), Status.FAILED,
                    "the deployment's own account could not be read", List.of(), ItemError.of(e))), List.of(),
                    Calls.NONE, millisSince(started));
        }
        AtomicLong reads = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        TargetReport target = reconcileTarget(request, listed, retrier.forWorkItem(), reads, writes);
        return new Report(request.requestId(), request.trigger(), request.dryRun(), target.status(),
                request.requestedBy(), List.of(target), List.of(),
                new Calls(reads.get(), writes.get()), millisSince(started));
    }

    /**
     * The guardrails a request's explicit items break, whatever its trigger: explicit items always come from someone
     * who asked. The baseline's own items were checked when it loaded. A request that passes them is still refused
     * when its target belongs to a cloud these functions do not serve (field {@code target}, rule {@code cloud}).
     */
    private List<FieldError> guard(Request request) {
        Problems problems = new Problems();
        if (request.explicitSettings().isPresent()) {
            List<SettingItem> items = request.explicitSettings().get();
            for (int i = 0; i < items.size(); i++) {
                SettingItem item = items.get(i);
                guardItem(catalog.settingOf(item), item, request.target(), "settings[" + i + "]", problems);
                if (catalog.settingOf(item).removable()) {
                    int index = i;
                    baseline.ruleGiving(item, request.target()).ifPresent(rule -> problems.add("settings[" + index
                            + "].name", "guardrail:baseline-item", "the baseline's rule " + rule.name() + " manages "
                            + item.type() + " \"" + item.name() + "\" on this target: a request may not change it"));
                }
                guardOverlap(catalog.settingOf(item), item, request.target(), "settings[" + i + "]", problems);
            }
        }
        if (problems.isEmpty()) {
            Set<Cloud> served = ports.targets().clouds();
            if (!served.contains(request.target().cloud())) {
                problems.add("target", "cloud", "these functions reconcile " + served.stream().map(Cloud::id).sorted()
                        .toList() + " targets; " + request.target().id() + " is an " + request.target().cloud().id()
                        + " target, for the " + request.target().cloud().id() + " functions");
            }
        }
        return problems.all();
    }

    /** A request item that manages, under its own name, what a baseline item on the target manages. */
    private <I extends SettingItem> void guardOverlap(Setting<I> setting, SettingItem item, Target target, String at,
                                                      Problems problems) {
        for (Baseline.Given given : baseline.givenTo(target)) {
            SettingItem other = given.item();
            if (setting.itemType().isInstance(other) && !other.name().equalsIgnoreCase(item.name())) {
                setting.overlaps(setting.itemType().cast(item), setting.itemType().cast(other), target)
                        .ifPresent(field -> problems.add(at + "." + field, "guardrail:baseline-item", "the baseline's"
                                + " rule " + given.rule().name() + " manages this through " + other.type() + " \""
                                + other.name() + "\" on this target: a request may not change it"));
            }
        }
    }

    private <I extends SettingItem> void guardItem(Setting<I> setting, SettingItem item, Target target, String at,
                                                   Problems problems) {
        setting.guard(setting.itemType().cast(item), baseline.guardrails(), GuardScope.REQUEST, target, at, problems);
    }

    /** {@code calls}: this work item's retrier, bounded by its budget when the deployment sets one. */
    private TargetReport reconcileTarget(Request request, Optional<TargetState> listed, Retrier calls,
                                         AtomicLong reads, AtomicLong writes) {
        if (listed.isPresent() && listed.get().ready()) {
            try {
                return reconcileTarget(request, listed.get(), true, calls, reads, writes);
            } catch (WriteNeedsFreshRead e) {
                // read the target below, and plan every item again from what the cloud answers
            }
        }
        Target target = request.target();
        TargetState state;
        try {
            Optional<TargetState> found = calls.call(() -> ports.targets().describe(target),
                    reads::incrementAndGet);
            if (found.isEmpty()) {
                return new TargetReport(target.id(), Status.FAILED, "the target does not exist (deleted, or never"
                        + " created)", List.of(), new ItemError("ResourceNotFound", "not found: " + target.id(), false, null));
            }
            state = found.get();
        } catch (CloudException e) {
            return new TargetReport(target.id(), Status.FAILED, "the target could not be read", List.of(), ItemError.of(e));
        }
        return reconcileTarget(request, state, false, calls, reads, writes);
    }

    /** {@code fromListing}: {@code state} is a sweep's listed state, which may not lead to a write. */
    private TargetReport reconcileTarget(Request request, TargetState state, boolean fromListing, Retrier calls,
                                         AtomicLong reads, AtomicLong writes) {
        Target target = request.target();
        List<SettingItem> items = request.explicitSettings().orElseGet(() -> baselineItems(target, state));
        if (!state.ready()) {
            String why = "the target is " + state.state() + ", not ready; nothing written";
            List<ItemReport> deferred = items.stream().map(i -> new ItemReport(i.type(), i.name(), PlanAction.DEFERRED,
                    ItemStatus.DEFERRED, why, null, null, null)).toList();
            return new TargetReport(target.id(), Status.DEFERRED, why, deferred, null);
        }
        CloudContext cloud = new CloudContext(target, state, ports, baseline.guardrails(),
                request.explicitSettings().isPresent(), calls, reads, writes);
        List<ItemReport> reports = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        for (SettingItem item : items) {
            ExemptionNote exemption = baseline.exemptionFor(target, state.tags(), item, today)
                    .map(e -> ExemptionNote.of(e, today)).orElse(null);
            reports.add(reconcileItem(catalog.settingOf(item), item, request, cloud, exemption, fromListing));
        }
        String message = items.isEmpty() ? "no baseline rule asks anything of this target" : null;
        return TargetReport.of(target.id(), message, reports);
    }

    private List<SettingItem> baselineItems(Target target, TargetState state) {
        return baseline.settingsFor(target, state.tags()).stream()
                .filter(i -> catalog.settingOf(i).appliesTo(target.resourceType()))
                .toList();
    }

    /**
     * Plans one item and, unless an exemption is in force or the request is a dry run, applies and verifies it. An
     * exempt item is observed (planned) but never written; under a lapsed exemption it is enforced as usual.
     */
    private <I extends SettingItem> ItemReport reconcileItem(Setting<I> setting, SettingItem untyped, Request request,
                                                             CloudContext cloud, ExemptionNote exemption,
                                                             boolean fromListing) {
        I item = setting.itemType().cast(untyped);
        Plan plan;
        try {
            plan = setting.plan(item, request.action(), cloud);
        } catch (CloudException e) {
            return failure(item, PlanAction.NOOP, e, null);
        } catch (RuntimeException e) {
            return report(item, PlanAction.NOOP, ItemStatus.FAILED, "could not be planned", null, null,
                    ItemError.unexpected(e));
        }
        if (exemption != null && !exemption.lapsed()) {
            String observed = plan.action() == PlanAction.NOOP ? "observed compliant" : "not enforced: " + plan.message();
            return new ItemReport(item.type(), item.name(), plan.action(), ItemStatus.EXEMPT,
                    exemption.describe() + "; " + observed, plan.before(), plan.after(), null, exemption);
        }
        ItemReport outcome = switch (plan.action()) {
            case NOOP -> report(item, plan, ItemStatus.COMPLIANT, plan.message(), plan.after());
            case BLOCKED -> report(item, plan.action(), ItemStatus.BLOCKED, plan.message(), plan.before(), plan.after(),
                    plan.refusal() == null ? null : ItemError.refusal(plan.refusal()));
            case DEFERRED -> report(item, plan, ItemStatus.DEFERRED, plan.message(), plan.after());
            case CREATE, UPDATE, REMOVE -> {
                if (fromListing) {
                    throw new WriteNeedsFreshRead();
                }
                yield request.dryRun()
                        ? report(item, plan, ItemStatus.PLANNED, "dry run: " + plan.message(), plan.after())
                        : applyAndVerify(setting, item, request.action(), plan, cloud);
            }
        };
        return exemption == null ? outcome : outcome.lapsed(exemption);
    }

    /**
     * Applies a plan and verifies it by planning again. A conflict (someone else wrote first: a concurrent writer, or
     * a write retried after its answer was lost, which finds its own earlier success) is not the end of the item:
     * what counts is what the cloud now holds, so the item is planned again from it and what is left is applied. After
     * {@link #CONFLICT_ROUNDS} such rounds the item is left to a later delivery as a transient failure, never dropped.
     */
    private <I extends SettingItem> ItemReport applyAndVerify(Setting<I> setting, I item, Action action, Plan plan,
                                                              CloudContext cloud) {
        Plan current = plan;
        int conflicts = 0;
        while (true) {
            boolean conflict = false;
            try {
                current.change().apply();
            } catch (CloudException e) {
                if (e.kind() != CloudException.Kind.CONFLICT) {
                    return failure(item, plan.action(), e, plan.before());
                }
                conflict = true;
                conflicts++;
            } catch (RuntimeException e) {
                return report(item, plan.action(), ItemStatus.FAILED, "the change failed", plan.before(), null,
                        ItemError.unexpected(e));
            }
            Plan check;
            try {
                check = setting.plan(item, action, cloud);
            } catch (CloudException e) {
                return failure(item, plan.action(), e, plan.before());
            }
            switch (check.action()) {
                case NOOP -> {
                    if (conflict && current == plan) {
                        return report(item, plan.action(), ItemStatus.COMPLIANT, "already as asked when written: another"
                                + " writer, or an earlier attempt whose answer was lost, made the change", plan.before(),
                                check.after(), null);
                    }
                    return report(item, plan.action(), ItemStatus.APPLIED, conflicts == 0 ? plan.message()
                            : plan.message() + " (planned again after " + conflicts + " conflict"
                            + (conflicts == 1 ? ")" : "s)"), plan.before(), check.after(), null);
                }
                case DEFERRED -> {
                    return report(item, plan.action(), ItemStatus.DEFERRED,
                            plan.message() + "; not verified yet: " + check.message(), plan.before(), check.after(), null);
                }
                case CREATE, UPDATE, REMOVE -> {
                    if (!conflict) {
                        return verificationFailed(item, plan, check);
                    }
                    if (conflicts > CONFLICT_ROUNDS) {
                        return report(item, plan.action(), ItemStatus.FAILED, "other writers kept changing it; retried"
                                + " later", plan.before(), check.after(), new ItemError("Conflict", "still conflicting"
                                + " after planning again " + CONFLICT_ROUNDS + " times; left: " + check.message(), true,
                                null));
                    }
                    current = check;
                }
                default -> {
                    return verificationFailed(item, plan, check);
                }
            }
        }
    }

    private static ItemReport verificationFailed(SettingItem item, Plan plan, Plan check) {
        return report(item, plan.action(), ItemStatus.FAILED, "applied, but verification still finds: "
                + check.message(), plan.before(), check.after(), new ItemError("VerificationFailed", check.message(),
                false, null));
    }

    private static ItemReport failure(SettingItem item, PlanAction action, CloudException e, Object before) {
        ItemStatus status = e.kind() == CloudException.Kind.NOT_READY ? ItemStatus.DEFERRED : ItemStatus.FAILED;
        String message = switch (e.kind()) {
            case NOT_READY -> "the target refused the change in its current state; retried later";
            case ACCESS_DENIED -> "access denied" + (e.permission() == null ? "" : ": the function lacks " + e.permission());
            case TRANSIENT -> "the cloud kept failing transiently; retried later";
            case NOT_FOUND -> "a resource this item needs does not exist";
            default -> "the cloud refused the request";
        };
        return report(item, action, status, message, before, null, ItemError.of(e));
    }

    private static ItemReport report(SettingItem item, Plan plan, ItemStatus status, String message, Object after) {
        return report(item, plan.action(), status, message, plan.before(), after, null);
    }

    private static ItemReport report(SettingItem item, PlanAction action, ItemStatus status, String message,
                                     Object before, Object after, ItemError error) {
        return new ItemReport(item.type(), item.name(), action, status, message, before, after, error);
    }

    /** A plan from a listed state would change something: the target is read afresh first. */
    private static final class WriteNeedsFreshRead extends RuntimeException {
        WriteNeedsFreshRead() {
            super(null, null, false, false);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
