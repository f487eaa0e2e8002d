package io.trustbaseline.core.port;

import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;

import java.util.Optional;

/** Reads a target's provisioning state, location and tags (ARM GET of the resource; EKS DescribeCluster). */
public interface TargetPort {
    /**
     * Whether this deployment acts in the target's account or subscription: only those it is configured for (an
     * allow list, never "whatever the credentials reach"). May make one read the first time (the own account).
     */
    boolean serves(Target target);

    /** The accounts or subscriptions served, to name them when a target is refused. */
    java.util.List<String> servedScopes();

    /** The target as it is now, or empty when it does not exist. One API read. */
    Optional<TargetState> describe(Target target);
}
