package io.trustbaseline.core.port.azure;

import io.trustbaseline.core.target.AzureResourceId;

import java.util.List;

/** AKS Trusted Access: {@code managedClusters/trustedAccessRoleBindings} and {@code locations/trustedAccessRoles}. */
public interface TrustedAccessPort {

    List<TrustedAccessBinding> listBindings(AzureResourceId cluster);

    /** PUT the binding (long-running: returns once the operation finished). */
    TrustedAccessBinding putBinding(AzureResourceId cluster, TrustedAccessBinding binding);

    void deleteBinding(AzureResourceId cluster, String bindingName);

    /** The roles the location offers, each as {@code <sourceResourceType>/<name>}. */
    List<TrustedAccessRole> listRoles(String subscriptionId, String location);
}
