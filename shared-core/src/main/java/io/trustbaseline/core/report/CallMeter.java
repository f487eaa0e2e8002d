package io.trustbaseline.core.report;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The HTTP requests one port call sends, so that a report counts what the cloud served: an SDK's long-running
 * operation sends its request, then polls and may GET the result; a listing follows its pages. An adapter that sees
 * its requests (an HTTP pipeline) records each on the calling thread's meter, or on the meter it handed to the SDK
 * with the request when the SDK polls from other threads. A call whose adapter says nothing counts as one request.
 */
public final class CallMeter {
    private static final ThreadLocal<CallMeter> CURRENT = new ThreadLocal<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private volatile boolean metered;

    private CallMeter() {
    }

    /** The meter of the call this thread is making; outside any metered call, one whose counts nobody reads. */
    public static CallMeter current() {
        CallMeter meter = CURRENT.get();
        return meter == null ? new CallMeter() : meter;
    }

    /** Records one request: a write when it changes something (any method but GET and HEAD). */
    public void record(boolean write) {
        metered = true;
        (write ? writes : reads).incrementAndGet();
    }

    /**
     * Makes {@code call}, a read or a write, on a fresh meter and adds the requests it sent to {@code reads} and
     * {@code writes}, even when it fails (a refused poll was still sent); one request of its kind if the adapter said nothing.
     */
    public static <T> T measure(Supplier<T> call, boolean write, AtomicLong reads, AtomicLong writes) {
        CallMeter meter = new CallMeter();
        CallMeter outer = CURRENT.get();
        CURRENT.set(meter);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
            long r = meter.reads.get();
            long w = meter.writes.get();
            if (!meter.metered) {
                (write ? writes : reads).incrementAndGet();
            } else {
                reads.addAndGet(r);
                writes.addAndGet(w);
            }
        }
    }
}
