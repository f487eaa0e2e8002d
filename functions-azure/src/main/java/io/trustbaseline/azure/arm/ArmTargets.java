package io.trustbaseline.azure.arm;

import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.keyvault.fluent.models.VaultInner;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.TargetPort;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;
import io.trustbaseline.core.target.TargetType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a managed cluster, registry, storage account, workspace or key vault: its provisioning state, location and tags. */
public final class ArmTargets implements TargetPort {
    private static final String SUCCEEDED = "Succeeded";
    private final ArmConnection arm;
    private final List<String> subscriptions;

    /** {@code subscriptions}: the subscriptions the deployment serves; a target elsewhere is refused. */
    public ArmTargets(ArmConnection arm, List<String> subscriptions) {
        this.arm = arm;
        this.subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public boolean serves(Target target) {
        return target instanceof AzureResourceId id
                && subscriptions.stream().anyMatch(s -> s.equalsIgnoreCase(id.subscriptionId()));
    }

    @Override
    public List<String> servedScopes() {
        return subscriptions;
    }

    @Override
    public Set<Cloud> clouds() {
        return Set.of(Cloud.AZURE);
    }

    /** The reconciler hands only targets of {@link #clouds()} here (it rejects the others, naming the field). */
    @Override
    public Optional<TargetState> describe(Target target) {
        if (!(target instanceof AzureResourceId id)) {
            throw new IllegalArgumentException("not an Azure resource: " + target.id());
        }
        // empty when the resource, its group or its subscription is gone
        return CloudException.emptyIfNotFound(() -> ArmErrors.call(() -> read(id)));
    }

    private TargetState read(AzureResourceId id) {
        String sub = id.subscriptionId();
        TargetType type = TargetType.of(id.resourceType()).filter(t -> t.cloud() == Cloud.AZURE).orElseThrow(() ->
                CloudException.of(CloudException.Kind.REJECTED, "UnsupportedResourceType", "trust-baseline does not"
                        + " manage " + id.resourceType() + " resources", null));
        // exhaustive: a new target type does not compile until it says how it is read
        return switch (type) {
            case AKS_CLUSTER -> cluster(arm.containerService(sub).getManagedClusters()
                    .getByResourceGroupWithResponse(id.resourceGroup(), id.name(), arm.metered()).getValue());
            case ACR_REGISTRY -> registry(arm.registries(sub)
                    .getByResourceGroupWithResponse(id.resourceGroup(), id.name(), arm.metered()).getValue());
            case STORAGE_ACCOUNT -> account(arm.storageAccounts(sub)
                    .getByResourceGroupWithResponse(id.resourceGroup(), id.name(), null, arm.metered()).getValue());
            case ML_WORKSPACE -> workspace(arm.get(id.id(), ArmConnection.WORKSPACES_API_VERSION));
            case KEY_VAULT -> vault(arm.vaults(sub)
                    .getByResourceGroupWithResponse(id.resourceGroup(), id.name(), arm.metered()).getValue());
            case EKS_CLUSTER -> throw new IllegalStateException("not an Azure type: " + type);
        };
    }

    // Each state carries the view its settings plan from, so they plan from this read (CloudContext.readTarget).

    static TargetState cluster(ManagedClusterInner cluster) {
        return state(cluster.provisioningState(), cluster.location(), cluster.tags(), List.of());
    }

    static TargetState registry(RegistryInner registry) {
        return state(text(registry.provisioningState()), registry.location(), registry.tags(),
                List.of(ArmRegistries.network(registry)));
    }

    static TargetState account(StorageAccountInner account) {
        return state(text(account.provisioningState()), account.location(), account.tags(), List.of(ArmStorage.acls(account)));
    }

    static TargetState workspace(JsonNode workspace) {
        Map<String, String> tags = new LinkedHashMap<>();
        workspace.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
        return state(workspace.path("properties").path("provisioningState").asText(null),
                workspace.path("location").asText(null), tags, List.of(ArmWorkspaces.workspace(workspace)));
    }

    static TargetState vault(VaultInner vault) {
        return state(vault.properties() == null ? null : text(vault.properties().provisioningState()), vault.location(),
                vault.tags(), List.of(ArmKeyVaults.firewall(vault)));
    }

    private static TargetState state(String provisioningState, String location, Map<String, String> tags, List<Object> views) {
        return new TargetState(provisioningState, SUCCEEDED.equalsIgnoreCase(provisioningState), location, tags, views);
    }

    private static String text(Object enumValue) {
        return enumValue == null ? null : enumValue.toString();
    }
}
