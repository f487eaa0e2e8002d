package io.trustbaseline.azure.arm;

import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.sweep.Inventory;
import io.trustbaseline.core.sweep.InventoryPage;
import io.trustbaseline.core.sweep.InventoryScope;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;
import io.trustbaseline.core.target.TargetType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a sweep covers: the managed clusters, registries, storage accounts, ML workspaces and key vaults of each subscription,
 * one scope per (subscription, type), one list-by-subscription response per page. ARM's list items are the
 * resources as their GET returns them, so each page also gives each target's state and the views its settings plan
 * from: the work message carries them and a worker plans a compliant target with no GET.
 */
public final class ArmInventory implements Inventory {
    private static final List<String> TYPES = TargetType.of(Cloud.AZURE).stream().map(TargetType::resourceType).toList();

    private final ArmConnection arm;
    private final List<InventoryScope> scopes = new ArrayList<>();

    public ArmInventory(ArmConnection arm, List<String> subscriptions) {
        this.arm = arm;
        for (String subscription : subscriptions) {
            for (String type : TYPES) {
                scopes.add(new InventoryScope("/subscriptions/" + subscription + "/providers/" + type, subscription, null, type));
            }
        }
    }

    @Override
    public List<InventoryScope> scopes() { return List.copyOf(scopes); }

    @Override
    public InventoryPage page(InventoryScope scope, Optional<String> pageToken) {
        String subscription = scope.account();
        // exhaustive: a new target type does not compile until it says how it is listed
        return ArmErrors.call(() -> switch (TargetType.of(scope.resourceType()).orElseThrow()) {
            case AKS_CLUSTER -> page(arm.containerService(subscription).getManagedClusters().list(), pageToken, c -> c.id(),
                    ArmTargets::cluster);
            case ACR_REGISTRY -> page(arm.registries(subscription).list(), pageToken, r -> r.id(), ArmTargets::registry);
            case STORAGE_ACCOUNT -> page(arm.storageAccounts(subscription).list(), pageToken, a -> a.id(), ArmTargets::account);
            case ML_WORKSPACE -> workspaces(scope, pageToken);
            case KEY_VAULT -> page(arm.vaults(subscription).listBySubscription(), pageToken, v -> v.id(), ArmTargets::vault);
            case EKS_CLUSTER -> throw new IllegalStateException("not an Azure type: " + scope.resourceType());
        });
    }

    private static <T> InventoryPage page(PagedIterable<T> listing, Optional<String> token, Function<T, String> id,
                                          Function<T, TargetState> state) {
        Iterator<PagedResponse<T>> pages = (token.isPresent() ? listing.iterableByPage(token.get()) : listing.iterableByPage())
                .iterator();
        if (!pages.hasNext()) {
            return InventoryPage.last(List.of());
        }
        PagedResponse<T> page = pages.next();
        List<Target> targets = new ArrayList<>();
        Map<String, TargetState> listed = new HashMap<>();
        for (T item : page.getValue()) {
            AzureResourceId target = AzureResourceId.parse(id.apply(item));
            targets.add(target);
            listed.put(target.id(), state.apply(item));
        }
        return new InventoryPage(targets, Optional.ofNullable(page.getContinuationToken()).filter(t -> !t.isEmpty()), listed);
    }

    private InventoryPage workspaces(InventoryScope scope, Optional<String> nextLink) {
        JsonNode page = arm.page(scope.id(), ArmConnection.WORKSPACES_API_VERSION, nextLink);
        List<Target> targets = new ArrayList<>();
        Map<String, TargetState> listed = new HashMap<>();
        page.path("value").forEach(w -> {
            AzureResourceId target = AzureResourceId.parse(w.path("id").asText());
            targets.add(target);
            listed.put(target.id(), ArmTargets.workspace(w));
        });
        return new InventoryPage(targets, Optional.of(page.path("nextLink").asText("")).filter(l -> !l.isEmpty()), listed);
    }
}
