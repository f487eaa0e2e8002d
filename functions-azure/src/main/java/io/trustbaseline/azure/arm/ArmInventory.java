package io.trustbaseline.azure.arm;

import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;

import java.util.ArrayList;
import java.util.List;

/** What a sweep covers: the managed clusters, registries, storage accounts and ML workspaces of a subscription. */
public final class ArmInventory {
    private final ArmConnection arm;

    public ArmInventory(ArmConnection arm) {
        this.arm = arm;
    }

    /** Every resource of the four managed types in {@code subscription}; one list call per type. */
    public List<AzureResourceId> list(String subscription) {
        return ArmErrors.call(() -> {
            List<String> ids = new ArrayList<>();
            arm.containerService(subscription).getManagedClusters().list().stream().map(ManagedClusterInner::id).forEach(ids::add);
            arm.registries(subscription).list().stream().map(RegistryInner::id).forEach(ids::add);
            arm.storageAccounts(subscription).list().stream().map(StorageAccountInner::id).forEach(ids::add);
            arm.list("/subscriptions/" + subscription + "/providers/" + AzureResourceTypes.WORKSPACES,
                    ArmConnection.WORKSPACES_API_VERSION).forEach(w -> ids.add(w.path("id").asText()));
            return ids.stream().map(AzureResourceId::parse).toList();
        });
    }
}
