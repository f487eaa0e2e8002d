package io.trustbaseline.aws;

import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.TargetPort;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;
import software.amazon.awssdk.services.eks.model.Cluster;

import java.util.List;
import java.util.Optional;

/** An EKS cluster's state by DescribeCluster: ready when ACTIVE; its region is its location. */
public final class EksTargetAdapter implements TargetPort {
    private static final String ACTIVE = "ACTIVE";
    private final AwsClients clients;

    public EksTargetAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public boolean serves(Target target) {
        return target instanceof EksClusterArn cluster && clients.serves(cluster.accountId());
    }

    @Override
    public List<String> servedScopes() {
        return clients.servedAccounts();
    }

    @Override
    public Optional<TargetState> describe(Target target) {
        EksClusterArn cluster = (EksClusterArn) target;
        try {
            Cluster found = AwsErrors.call("eks:DescribeCluster", () -> clients.eks(cluster.accountId(), cluster.region())
                    .describeCluster(r -> r.name(cluster.name())).cluster());
            return Optional.of(new TargetState(found.statusAsString(), ACTIVE.equals(found.statusAsString()),
                    cluster.region(), found.tags()));
        } catch (CloudException e) {
            if (e.kind() == CloudException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
