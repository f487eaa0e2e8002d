package io.trustbaseline.azure.arm;

import com.azure.resourcemanager.containerservice.fluent.models.TrustedAccessRoleBindingInner;
import io.trustbaseline.core.port.azure.TrustedAccessBinding;
import io.trustbaseline.core.port.azure.TrustedAccessPort;
import io.trustbaseline.core.port.azure.TrustedAccessRole;
import io.trustbaseline.core.target.AzureResourceId;

import io.trustbaseline.core.port.CloudException;

import java.util.List;
import java.util.Optional;

/** AKS Trusted Access role bindings of a cluster and the roles a location offers. */
public final class ArmTrustedAccess implements TrustedAccessPort {
    private final ArmConnection arm;

    public ArmTrustedAccess(ArmConnection arm) {
        this.arm = arm;
    }

    @Override
    public List<TrustedAccessBinding> listBindings(AzureResourceId cluster) {
        return ArmErrors.call(() -> arm.containerService(cluster.subscriptionId()).getTrustedAccessRoleBindings()
                .list(cluster.resourceGroup(), cluster.name()).stream().map(ArmTrustedAccess::binding).toList());
    }

    /** The PUT is long-running: this waits on the SDK's poller until the operation ends. */
    @Override
    public TrustedAccessBinding putBinding(AzureResourceId cluster, TrustedAccessBinding binding) {
        TrustedAccessRoleBindingInner body = new TrustedAccessRoleBindingInner()
                .withSourceResourceId(binding.sourceResourceId()).withRoles(binding.roles());
        return ArmErrors.call(() -> Optional.ofNullable(ArmErrors.finish("TrustedAccessRoleBindings_CreateOrUpdate",
                arm.containerService(cluster.subscriptionId()).getTrustedAccessRoleBindings()
                        .beginCreateOrUpdate(cluster.resourceGroup(), cluster.name(), binding.name(), body)))
                .map(ArmTrustedAccess::binding)
                .orElseThrow(() -> CloudException.transientFailure("OperationNotCompleted", "the binding's PUT ended"
                        + " without the binding; retried", null, null)));
    }

    @Override
    public void deleteBinding(AzureResourceId cluster, String bindingName) {
        ArmErrors.run(() -> ArmErrors.finish("TrustedAccessRoleBindings_Delete",
                arm.containerService(cluster.subscriptionId()).getTrustedAccessRoleBindings()
                        .beginDelete(cluster.resourceGroup(), cluster.name(), bindingName)));
    }

    @Override
    public List<TrustedAccessRole> listRoles(String subscriptionId, String location) {
        return ArmErrors.call(() -> arm.containerService(subscriptionId).getTrustedAccessRoles().list(location).stream()
                .map(r -> new TrustedAccessRole(r.sourceResourceType(), r.name())).toList());
    }

    private static TrustedAccessBinding binding(TrustedAccessRoleBindingInner inner) {
        return new TrustedAccessBinding(inner.name(), inner.sourceResourceId(),
                inner.roles() == null ? List.of() : inner.roles(),
                inner.provisioningState() == null ? null : inner.provisioningState().toString());
    }
}
