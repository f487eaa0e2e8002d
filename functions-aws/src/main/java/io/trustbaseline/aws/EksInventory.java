package io.trustbaseline.aws;

import io.trustbaseline.core.sweep.Inventory;
import io.trustbaseline.core.sweep.InventoryPage;
import io.trustbaseline.core.sweep.InventoryScope;
import io.trustbaseline.core.target.EksClusterArn;
import software.amazon.awssdk.services.eks.model.ListClustersResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The sweep's clusters: one scope per (account, region), one ListClusters per page of up to 100 names. */
public final class EksInventory implements Inventory {
    /** ListClusters' largest page (the EKS API reference: maxResults 1-100). */
    static final int PAGE_SIZE = 100;

    private final AwsClients clients;
    private final List<InventoryScope> scopes = new ArrayList<>();

    public EksInventory(AwsClients clients, List<String> accounts, List<String> regions) {
        this.clients = clients;
        for (String account : accounts) {
            for (String region : regions) {
                scopes.add(new InventoryScope("arn:" + EksClusterArn.partitionOf(region) + ":eks:" + region + ":" + account
                        + ":cluster/*", account, region, EksClusterArn.RESOURCE_TYPE));
            }
        }
    }

    @Override
    public List<InventoryScope> scopes() { return List.copyOf(scopes); }

    @Override
    public InventoryPage page(InventoryScope scope, Optional<String> pageToken) {
        ListClustersResponse page = AwsErrors.call("eks:ListClusters", () -> clients.eks(scope.account(), scope.region())
                .listClusters(r -> r.maxResults(PAGE_SIZE).nextToken(pageToken.orElse(null))));
        return new InventoryPage(page.clusters().stream()
                .<io.trustbaseline.core.target.Target>map(name -> EksClusterArn.of(scope.region(), scope.account(), name)).toList(),
                Optional.ofNullable(page.nextToken()));
    }
}
