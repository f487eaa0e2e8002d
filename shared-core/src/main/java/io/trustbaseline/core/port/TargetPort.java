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

    /** The target as it is now, or empty when it does not exist. One API read. */
    Optional<TargetState> describe(Target target);
}
