package io.trustbaseline.azure.arm;

import com.azure.resourcemanager.containerservice.fluent.models.TrustedAccessRoleBindingInner;
import io.trustbaseline.core.port.azure.TrustedAccessBinding;
import io.trustbaseline.core.port.azure.TrustedAccessPort;
import io.trustbaseline.core.port.azure.TrustedAccessRole;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.target.AzureResourceId;

import java.util.List;

/** AKS Trusted Access role bindings of a cluster and the roles a location offers. */
public final class ArmTrustedAccess implements TrustedAccessPort {
    private final ArmConnection arm;
    private final Retrier polls;

    /**
     * {@code polls}: how the PUT's and DELETE's polls are retried, alone (the policy of every other call), when no
     * retrier is calling; within a work item's call, its retrier, bounded by its budget ({@link ArmConnection#longRunning}).
     */
    public ArmTrustedAccess(ArmConnection arm, Retrier polls) {
        this.arm = arm;
        this.polls = polls;
    }

    @Override
    public List<TrustedAccessBinding> listBindings(AzureResourceId cluster) {
        return ArmErrors.call(() -> arm.containerService(cluster.subscriptionId()).getTrustedAccessRoleBindings()
                .list(cluster.resourceGroup(), cluster.name(), arm.metered()).stream().map(ArmTrustedAccess::binding).toList());
    }

    /**
     * The PUT is long-running: this waits until the operation ends. The SDK's blocking call, not
     * {@code beginCreateOrUpdate(..).getFinalResult()}: that one returns null when a poll is refused or the operation
     * fails, where this one throws the poll's error (such as the 403 for a missing locations/operations/read). A poll
     * that fails transiently is retried alone, never the PUT.
     */
    @Override
    public TrustedAccessBinding putBinding(AzureResourceId cluster, TrustedAccessBinding binding) {
        TrustedAccessRoleBindingInner body = new TrustedAccessRoleBindingInner()
                .withSourceResourceId(binding.sourceResourceId()).withRoles(binding.roles());
        return ArmErrors.call(() -> binding(arm.containerService(cluster.subscriptionId()).getTrustedAccessRoleBindings()
                .createOrUpdate(cluster.resourceGroup(), cluster.name(), binding.name(), body, arm.longRunning(polls))));
    }

    /** Long-running too, and blocking for the same reason: a refused or failed poll is an error, not a success. */
    @Override
    public void deleteBinding(AzureResourceId cluster, String bindingName) {
        ArmErrors.run(() -> arm.containerService(cluster.subscriptionId()).getTrustedAccessRoleBindings()
                .delete(cluster.resourceGroup(), cluster.name(), bindingName, arm.longRunning(polls)));
    }

    @Override
    public List<TrustedAccessRole> listRoles(String subscriptionId, String location) {
        return ArmErrors.call(() -> arm.containerService(subscriptionId).getTrustedAccessRoles().list(location, arm.metered()).stream()
                .map(r -> new TrustedAccessRole(r.sourceResourceType(), r.name())).toList());
    }

    private static TrustedAccessBinding binding(TrustedAccessRoleBindingInner inner) {
        return new TrustedAccessBinding(inner.name(), inner.sourceResourceId(),
                inner.roles() == null ? List.of() : inner.roles(),
                inner.provisioningState() == null ? null : inner.provisioningState().toString());
    }
}
