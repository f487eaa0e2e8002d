package io.trustbaseline.core.sweep;

import java.util.List;
import java.util.Optional;

/**
 * What a sweep covers, listed one page at a time so that each page is one cloud call the sweep retries and counts:
 * on AWS a scope is an (account, region) and a page is one ListClusters; on Azure a scope is a (subscription,
 * resource type) and a page is one list-by-subscription response.
 */
public interface Inventory {

    /** The scopes of one sweep, in the order they are listed. */
    List<InventoryScope> scopes();

    /** One page of {@code scope}'s targets: the first when {@code pageToken} is empty. One API read. */
    InventoryPage page(InventoryScope scope, Optional<String> pageToken);
}
