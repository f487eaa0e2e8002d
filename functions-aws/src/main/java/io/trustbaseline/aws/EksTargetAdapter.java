package io.trustbaseline.aws;

import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.TargetPort;
import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;
import software.amazon.awssdk.services.eks.model.Cluster;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An EKS cluster's state by DescribeCluster: ready when ACTIVE; its region is its location. */
public final class EksTargetAdapter implements TargetPort {
    private static final String ACTIVE = "ACTIVE";
    private final AwsClients clients;

    public EksTargetAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Set<Cloud> clouds() {
        return Set.of(Cloud.AWS);
    }

    /** The reconciler hands only targets of {@link #clouds()} here (it rejects the others, naming the field). */
    public boolean serves(Target target) {
        return target instanceof EksClusterArn cluster && clients.serves(cluster.accountId());
    }

    @Override
    public List<String> servedScopes() {
        return clients.servedAccounts();
    }

    @Override
    public Optional<TargetState> describe(Target target) {
        if (!(target instanceof EksClusterArn cluster)) {
            throw new IllegalArgumentException("not an EKS cluster: " + target.id());
        }
        return CloudException.emptyIfNotFound(() -> {
            Cluster found = AwsErrors.call("eks:DescribeCluster", () -> clients.eks(cluster.accountId(), cluster.region())
                    .describeCluster(r -> r.name(cluster.name())).cluster());
            return new TargetState(found.statusAsString(), ACTIVE.equals(found.statusAsString()), cluster.region(),
                    found.tags());
        });
    }
}
