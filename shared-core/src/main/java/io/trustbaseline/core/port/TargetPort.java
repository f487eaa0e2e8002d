package io.trustbaseline.core.port;

import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;

import java.util.Optional;
import java.util.Set;

/** Reads a target's provisioning state, location and tags (ARM GET of the resource; EKS DescribeCluster). */
public interface TargetPort {
    /** The clouds whose targets these adapters reach (an allow list): a target of any other cloud is rejected. */
    Set<Cloud> clouds();
    /**
     * Whether this deployment acts in the target's account or subscription: only those it is configured for (an
     * allow list, never "whatever the credentials reach"). May make one read the first time (the own account).
     */
    boolean serves(Target target);

    /** The accounts or subscriptions served, to name them when a target is refused. */
    java.util.List<String> servedScopes();

    /** The message refusing a target this deployment does not {@link #serves serve}, naming what it serves. */
    default String whyNotServed(Target target) {
        return "the target's " + (target.cloud() == Cloud.AZURE ? "subscription" : "account") + " " + target.scope()
                + " is not one this deployment serves (" + String.join(", ", servedScopes())
                + "): nothing is written there";
    }

    /** The target as it is now, or empty when it does not exist. One API read. */
    Optional<TargetState> describe(Target target);
}
