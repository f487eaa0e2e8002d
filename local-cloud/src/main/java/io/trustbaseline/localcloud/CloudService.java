package io.trustbaseline.localcloud;

import java.util.Optional;

/** One emulated API family (ARM, EKS, IAM, ...) served by {@link LocalCloud}. */
public interface CloudService {

    /** The route for this request, or empty when the request is not for this service. */
    Optional<Route> route(LocalRequest request);

    /** The response the real service gives for an injected fault, in its own wire format. */
    LocalResponse fault(Fault fault, LocalRequest request);
}
