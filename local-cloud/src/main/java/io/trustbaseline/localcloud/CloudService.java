package io.trustbaseline.localcloud;

import java.util.Optional;

/** One emulated API family (ARM, EKS, IAM, ...) served by {@link LocalCloud}. */
public interface CloudService {

    /** The route for this request, or empty when the request is not for this service. */
    Optional<Route> route(LocalRequest request);

    /** The response the real service gives for an injected fault, in its own wire format. */
    LocalResponse fault(Fault fault, LocalRequest request);

    /** The permissions the caller holds in this service's cloud. */
    Permissions permissions();

    /** The response the real service gives when the caller's permissions do not allow {@code denied}. */
    LocalResponse denied(Access denied, LocalRequest request, World world);
}
