package io.trustbaseline.localcloud.aws;

import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.CloudService;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalRequest;
import io.trustbaseline.localcloud.LocalResponse;
import io.trustbaseline.localcloud.Route;
import io.trustbaseline.localcloud.World;

import java.util.Optional;

/** A service on the AWS query protocol (IAM, STS): its routes and faults are the protocol's. */
abstract class QueryService implements CloudService {
    private final QueryProtocol protocol;
    private final IamPolicy policy;

    QueryService(QueryProtocol protocol, IamPolicy policy) {
        this.protocol = protocol;
        this.policy = policy;
    }

    @Override
    public Optional<Route> route(LocalRequest request) {
        return protocol.route(request);
    }

    @Override
    public IamPolicy permissions() {
        return policy;
    }

    /** The query protocol's AccessDenied (403, Sender), as IAM and STS send it. */
    @Override
    public LocalResponse denied(Access denied, LocalRequest request, World world) {
        return protocol.error(new AwsError("AccessDenied", 403, AwsAccess.deniedMessage(denied, request, world)));
    }

    @Override
    public LocalResponse fault(Fault fault, LocalRequest request) {
        return protocol.fault(fault, request);
    }
}
