package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.baseline.Guardrails;
import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;

import java.util.concurrent.atomic.AtomicLong;

/** Cloud contexts for tests of a single setting, without a reconciler around them and without retries. */
public final class TestContexts {
    private TestContexts() { }

    /** Planning baseline items. */
    public static CloudContext of(Target target, TargetState state, Ports ports) {
        return of(target, state, ports, Guardrails.denyAll(), false);
    }

    /** Planning a request's items when {@code requested}. */
    public static CloudContext of(Target target, TargetState state, Ports ports, Guardrails guardrails, boolean requested) {
        return new CloudContext(target, state, ports, guardrails, requested, new Retrier(RetryPolicy.none()),
                new AtomicLong(), new AtomicLong());
    }
}
