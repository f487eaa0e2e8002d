package io.trustbaseline.azure.arm;

import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** What a sweep covers: the managed clusters, registries, storage accounts and ML workspaces of a subscription. */
public final class ArmInventory {
    private final ArmConnection arm;

    public ArmInventory(ArmConnection arm) {
        this.arm = arm;
    }

    /**
     * Every resource of the four managed types in {@code subscription}: one list operation per type, each counted
     * through {@code onCall} before it is made.
     */
    public List<AzureResourceId> list(String subscription, Runnable onCall) {
        List<Supplier<Stream<String>>> listings = List.of(
                () -> arm.containerService(subscription).getManagedClusters().list().stream().map(ManagedClusterInner::id),
                () -> arm.registries(subscription).list().stream().map(RegistryInner::id),
                () -> arm.storageAccounts(subscription).list().stream().map(StorageAccountInner::id),
                () -> arm.list("/subscriptions/" + subscription + "/providers/" + AzureResourceTypes.WORKSPACES,
                        ArmConnection.WORKSPACES_API_VERSION).stream().map(w -> w.path("id").asText()));
        List<AzureResourceId> ids = new ArrayList<>();
        for (Supplier<Stream<String>> listing : listings) {
            onCall.run();
            ArmErrors.call(() -> listing.get().map(AzureResourceId::parse).toList()).forEach(ids::add);
        }
        return ids;
    }
}
