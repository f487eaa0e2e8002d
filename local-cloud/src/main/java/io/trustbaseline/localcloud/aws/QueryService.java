package io.trustbaseline.localcloud.aws;

import io.trustbaseline.localcloud.CloudService;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalRequest;
import io.trustbaseline.localcloud.LocalResponse;
import io.trustbaseline.localcloud.Route;

import java.util.Optional;

/** A service on the AWS query protocol (IAM, STS): its routes and faults are the protocol's. */
abstract class QueryService implements CloudService {
    private final QueryProtocol protocol;

    QueryService(QueryProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public Optional<Route> route(LocalRequest request) {
        return protocol.route(request);
    }

    @Override
    public LocalResponse fault(Fault fault, LocalRequest request) {
        return protocol.fault(fault, request);
    }
}
