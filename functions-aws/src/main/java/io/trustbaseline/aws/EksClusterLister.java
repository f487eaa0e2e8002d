package io.trustbaseline.aws;

import io.trustbaseline.core.target.EksClusterArn;

import java.util.List;

/** The clusters of one account in one region (ListClusters, every page): what the sweep reconciles. */
public final class EksClusterLister {
    private final AwsClients clients;

    public EksClusterLister(AwsClients clients) {
        this.clients = clients;
    }

    public List<EksClusterArn> list(String accountId, String region) {
        return AwsErrors.call("eks:ListClusters", () -> clients.eks(accountId, region).listClustersPaginator(r -> { })
                .clusters().stream().map(name -> EksClusterArn.of(region, accountId, name)).toList());
    }
}
