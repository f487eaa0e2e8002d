package io.trustbaseline.azure.arm;

import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerregistry.models.NetworkRuleBypassOptions;
import com.azure.resourcemanager.containerregistry.models.RegistryUpdateParameters;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.port.azure.RegistryPort;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.target.AzureResourceId;

/** Azure Container Registry: GET, and PATCH of {@code networkRuleBypassOptions} only. */
public final class ArmRegistries implements RegistryPort {
    private final ArmConnection arm;
    private final Retrier polls;

    /**
     * {@code polls}: how the update's polls are retried, alone (the policy of every other call), when no retrier is
     * calling; within a work item's call, its retrier, bounded by its budget ({@link ArmConnection#longRunning}).
     */
    public ArmRegistries(ArmConnection arm, Retrier polls) {
        this.arm = arm;
        this.polls = polls;
    }

    @Override
    public RegistryNetwork get(AzureResourceId registry) {
        return network(ArmErrors.call(() -> arm.registries(registry.subscriptionId())
                .getByResourceGroupWithResponse(registry.resourceGroup(), registry.name(), arm.metered()).getValue()));
    }

    /** What the setting reads of a registry, from ARM's registry (a GET's, a list's, an update's final GET). */
    static RegistryNetwork network(RegistryInner inner) {
        return new RegistryNetwork(inner.sku() == null || inner.sku().name() == null ? null : inner.sku().name().toString(),
                inner.publicNetworkAccess() == null ? null : inner.publicNetworkAccess().toString(),
                inner.networkRuleBypassOptions() == null ? null : inner.networkRuleBypassOptions().toString());
    }

    /**
     * Registries_Update is long-running: the SDK waits for it to end and reads the registry as it ended; a poll that
     * fails is retried alone, never the PATCH.
     */
    @Override
    public RegistryNetwork setNetworkRuleBypass(AzureResourceId registry, String bypassOptions) {
        RegistryUpdateParameters patch = new RegistryUpdateParameters()
                .withNetworkRuleBypassOptions(NetworkRuleBypassOptions.fromString(bypassOptions));
        return network(ArmErrors.call(() -> arm.registries(registry.subscriptionId())
                .update(registry.resourceGroup(), registry.name(), patch, arm.longRunning(polls))));
    }
}
