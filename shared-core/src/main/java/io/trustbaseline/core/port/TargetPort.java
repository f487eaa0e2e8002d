package io.trustbaseline.core.port;

import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;

import java.util.Optional;

/** Reads a target's provisioning state, location and tags (ARM GET of the resource; EKS DescribeCluster). */
public interface TargetPort {
    /** The target as it is now, or empty when it does not exist. One API read. */
    Optional<TargetState> describe(Target target);
}
