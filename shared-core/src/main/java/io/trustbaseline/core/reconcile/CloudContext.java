package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.baseline.Guardrails;
import io.trustbaseline.core.port.AwsPorts;
import io.trustbaseline.core.port.AzurePorts;
import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.port.TargetPort;
import io.trustbaseline.core.report.CallMeter;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A setting's view of the cloud while it reconciles one target: the target and its state, the ports, the guardrails,
 * whether the items come from a request (which may change only what trust-baseline owns) or from the baseline (which
 * adopts what it names), and {@link #read}/{@link #write} through which every cloud call goes so it is counted and
 * retried. One context serves one target's items, one after another, on one thread.
 *
 * <p>It holds the target's own read for the work item: every setting that plans from a view of the target
 * ({@link #readTarget}) gets it from the read that described the target, or from the answer of the last write to the
 * target ({@link #writeTarget}), with no request of its own; only a view nobody has yet is read.
 */
public final class CloudContext {
    private final Target target;
    private final TargetState state;
    private final Ports ports;
    private final Guardrails guardrails;
    private final boolean requested;
    private final Retrier retrier;
    private final AtomicLong reads;
    private final AtomicLong writes;
    /** The views of the target as last read or written in this work item, by type. */
    private final Map<Class<?>, Object> held = new HashMap<>();

    CloudContext(Target target, TargetState state, Ports ports, Guardrails guardrails, boolean requested,
                 Retrier retrier, AtomicLong reads, AtomicLong writes) {
        this.target = target;
        this.state = state;
        this.ports = ports;
        this.guardrails = guardrails;
        this.requested = requested;
        this.retrier = retrier;
        this.reads = reads;
        this.writes = writes;
        state.views().forEach(view -> held.put(view.getClass(), view));
    }

    public Target target() { return target; }

    public TargetState state() { return state; }

    /** How targets are read, and which scopes (accounts, subscriptions) this deployment serves. */
    public TargetPort targets() { return ports.targets(); }

    public AzurePorts azure() { return ports.azure(); }

    public AwsPorts aws() { return ports.aws(); }

    public Guardrails guardrails() { return guardrails; }

    /**
     * Whether the items come from a request (a ticket, an operator) rather than the baseline: a request changes or
     * removes only what trust-baseline created; the baseline also adopts what it names.
     */
    public boolean requested() { return requested; }

    /** A read, each attempt counted by the requests it sent (see {@link CallMeter}). */
    public <T> T read(Supplier<T> call) {
        return retrier.call(() -> CallMeter.measure(call, false, reads, writes), () -> { });
    }

    /**
     * A write, each attempt counted by the requests it sent: its polls and final read count as reads. Its answer is
     * not a view of the target, so the held views are dropped: the next plan reads the target afresh.
     */
    public <T> T write(Supplier<T> call) {
        held.clear();
        return retrier.call(() -> CallMeter.measure(call, true, reads, writes), () -> { });
    }

    public void write(Runnable call) {
        write(() -> {
            call.run();
            return null;
        });
    }

    /**
     * A view of the target itself ({@code call} must read this context's target): what the target's own read or the
     * last write to it answered, with no request; else {@code call}, counted and retried as {@link #read}, its answer
     * held for the items after.
     */
    public <T> T readTarget(Class<T> view, Supplier<T> call) {
        Object known = held.get(view);
        if (known != null) {
            return view.cast(known);
        }
        T read = read(call);
        held.put(view, read);
        return read;
    }

    /**
     * A write to the target itself that answers with {@code view} as the cloud now holds it (a PATCH's 200 body, a
     * long-running operation's final GET): counted and retried as {@link #write}, its answer held, so the
     * verification plans from it. A write that fails leaves nothing held: the next plan reads afresh.
     */
    public <T> T writeTarget(Class<T> view, Supplier<T> call) {
        T written = write(call);
        if (written != null) {
            held.put(view, written);
        }
        return written;
    }

    public Calls calls() { return new Calls(reads.get(), writes.get()); }
}
