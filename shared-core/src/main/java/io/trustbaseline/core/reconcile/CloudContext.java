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

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A setting's view of the cloud while it reconciles one target: the target and its state, the ports, the guardrails,
 * whether the items come from a request (which may change only what trust-baseline owns) or from the baseline (which
 * adopts what it names), and {@link #read}/{@link #write} through which every cloud call goes so it is counted and
 * retried.
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

    /** A write, each attempt counted by the requests it sent: its polls and final read count as reads. */
    public <T> T write(Supplier<T> call) {
        return retrier.call(() -> CallMeter.measure(call, true, reads, writes), () -> { });
    }

    public void write(Runnable call) {
        write(() -> {
            call.run();
            return null;
        });
    }

    public Calls calls() { return new Calls(reads.get(), writes.get()); }
}
