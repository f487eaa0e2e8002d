package io.trustbaseline.azure.arm;

import com.azure.resourcemanager.keyvault.fluent.models.VaultInner;
import com.azure.resourcemanager.keyvault.models.IpRule;
import com.azure.resourcemanager.keyvault.models.NetworkRuleAction;
import com.azure.resourcemanager.keyvault.models.NetworkRuleBypassOptions;
import com.azure.resourcemanager.keyvault.models.NetworkRuleSet;
import com.azure.resourcemanager.keyvault.models.VaultPatchParameters;
import com.azure.resourcemanager.keyvault.models.VaultPatchProperties;
import com.azure.resourcemanager.keyvault.models.VirtualNetworkRule;
import io.trustbaseline.core.port.azure.VaultFirewall;
import io.trustbaseline.core.port.azure.VaultNetworkAcls;
import io.trustbaseline.core.port.azure.VaultPort;
import io.trustbaseline.core.target.AzureResourceId;

import java.util.List;

/**
 * A key vault's firewall: Vaults_Get, and Vaults_Update (PATCH) of the whole {@code networkAcls}, so no rule is lost.
 * Vaults_Update is synchronous: 200 with the vault as it now is, which the reconcile verifies from.
 */
public final class ArmKeyVaults implements VaultPort {
    private final ArmConnection arm;

    public ArmKeyVaults(ArmConnection arm) {
        this.arm = arm;
    }

    @Override
    public VaultFirewall getFirewall(AzureResourceId vault) {
        return firewall(ArmErrors.call(() -> arm.vaults(vault.subscriptionId())
                .getByResourceGroupWithResponse(vault.resourceGroup(), vault.name(), arm.metered()).getValue()));
    }

    /** The firewall of a vault as a GET, a list or a PATCH's answer gives it. */
    static VaultFirewall firewall(VaultInner vault) {
        NetworkRuleSet set = vault.properties() == null ? null : vault.properties().networkAcls();
        if (set == null) {
            return new VaultFirewall(null);
        }
        return new VaultFirewall(new VaultNetworkAcls(text(set.defaultAction()), text(set.bypass()),
                nullSafe(set.ipRules()).stream().map(r -> new VaultNetworkAcls.IpRule(r.value())).toList(),
                nullSafe(set.virtualNetworkRules()).stream().map(r -> new VaultNetworkAcls.VirtualNetworkRule(
                        r.id(), r.ignoreMissingVnetServiceEndpoint())).toList()));
    }

    @Override
    public VaultFirewall updateNetworkAcls(AzureResourceId vault, VaultNetworkAcls acls) {
        NetworkRuleSet set = new NetworkRuleSet()
                .withDefaultAction(acls.defaultAction() == null ? null : NetworkRuleAction.fromString(acls.defaultAction()))
                .withBypass(NetworkRuleBypassOptions.fromString(acls.bypass()))
                .withIpRules(acls.ipRules().stream().map(r -> new IpRule().withValue(r.value())).toList())
                .withVirtualNetworkRules(acls.virtualNetworkRules().stream().map(r -> new VirtualNetworkRule()
                        .withId(r.id()).withIgnoreMissingVnetServiceEndpoint(r.ignoreMissingVnetServiceEndpoint())).toList());
        return firewall(ArmErrors.call(() -> arm.vaults(vault.subscriptionId())
                .updateWithResponse(vault.resourceGroup(), vault.name(),
                        new VaultPatchParameters().withProperties(new VaultPatchProperties().withNetworkAcls(set)),
                        arm.metered()).getValue()));
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
