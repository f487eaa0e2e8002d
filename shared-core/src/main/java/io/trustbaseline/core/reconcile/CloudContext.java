package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A setting's view of the cloud while it reconciles one target: the target and its state, the ports, and
 * {@link #read}/{@link #write} through which every cloud call goes so it is counted and retried.
 */
public final class CloudContext {
    private final Target target;
    private final TargetState state;
    private final Ports ports;
    private final Retrier retrier;
    private final AtomicLong reads;
    private final AtomicLong writes;

    CloudContext(Target target, TargetState state, Ports ports, Retrier retrier, AtomicLong reads, AtomicLong writes) {
        this.target = target;
        this.state = state;
        this.ports = ports;
        this.retrier = retrier;
        this.reads = reads;
        this.writes = writes;
    }

    /** A context for tests of a single setting. */
    public static CloudContext forTest(Target target, TargetState state, Ports ports) {
        return new CloudContext(target, state, ports, new Retrier(RetryPolicy.none()), new AtomicLong(), new AtomicLong());
    }

    public Target target() { return target; }

    public TargetState state() { return state; }

    public <P> P port(Class<P> type) { return ports.get(type); }

    public <T> T read(Supplier<T> call) {
        return retrier.call(call, reads::incrementAndGet);
    }

    public <T> T write(Supplier<T> call) {
        return retrier.call(call, writes::incrementAndGet);
    }

    public void write(Runnable call) {
        write(() -> {
            call.run();
            return null;
        });
    }

    public Calls calls() { return new Calls(reads.get(), writes.get()); }
}
