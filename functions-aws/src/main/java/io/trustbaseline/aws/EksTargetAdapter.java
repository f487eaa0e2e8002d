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

    /**
     * The reconciler hands only targets of {@link #clouds()} here (it rejects the others, naming the field). A served
     * account number in another partition is another account: the deployment's credentials reach only its own
     * partition (aws, aws-cn and aws-us-gov are separate identity systems).
     */
    public boolean serves(Target target) {
        return target instanceof EksClusterArn cluster && cluster.partition().equals(clients.partition())
                && clients.serves(cluster.accountId());
    }

    @Override
    public String whyNotServed(Target target) {
        if (target instanceof EksClusterArn cluster && !cluster.partition().equals(clients.partition())) {
            return "the target is in the partition " + cluster.partition() + "; this deployment serves accounts of the"
                    + " partition " + clients.partition() + " only: nothing is written there";
        }
        return TargetPort.super.whyNotServed(target);
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
