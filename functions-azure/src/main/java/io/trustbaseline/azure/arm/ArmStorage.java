package io.trustbaseline.azure.arm;

import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import com.azure.resourcemanager.storage.models.Action;
import com.azure.resourcemanager.storage.models.Bypass;
import com.azure.resourcemanager.storage.models.DefaultAction;
import com.azure.resourcemanager.storage.models.IpRule;
import com.azure.resourcemanager.storage.models.NetworkRuleSet;
import com.azure.resourcemanager.storage.models.ResourceAccessRule;
import com.azure.resourcemanager.storage.models.State;
import com.azure.resourcemanager.storage.models.StorageAccountUpdateParameters;
import com.azure.resourcemanager.storage.models.VirtualNetworkRule;
import io.trustbaseline.core.port.azure.StorageNetworkAcls;
import io.trustbaseline.core.port.azure.StoragePort;
import io.trustbaseline.core.target.AzureResourceId;

import java.util.List;

/** A storage account's firewall: GET, and PATCH of the whole {@code networkAcls} so no rule is lost. */
public final class ArmStorage implements StoragePort {
    private final ArmConnection arm;

    public ArmStorage(ArmConnection arm) {
        this.arm = arm;
    }

    @Override
    public StorageNetworkAcls getNetworkAcls(AzureResourceId account) {
        return acls(ArmErrors.call(() -> arm.storageAccounts(account.subscriptionId())
                .getByResourceGroupWithResponse(account.resourceGroup(), account.name(), null, arm.metered()).getValue()));
    }

    /** What the setting reads of an account, from ARM's account (a GET's, a list's, an update's 200 body). */
    static StorageNetworkAcls acls(StorageAccountInner account) {
        NetworkRuleSet set = account.networkRuleSet();
        if (set == null) {
            return new StorageNetworkAcls("Allow", "AzureServices", null, null, null); // ARM's defaults
        }
        return new StorageNetworkAcls(text(set.defaultAction()), text(set.bypass()), ipRules(set.ipRules()),
                nullSafe(set.virtualNetworkRules()).stream().map(r -> new StorageNetworkAcls.VirtualNetworkRule(
                        r.virtualNetworkResourceId(), text(r.action()), text(r.state()))).toList(),
                nullSafe(set.resourceAccessRules()).stream().map(r -> new StorageNetworkAcls.ResourceAccessRule(
                        r.tenantId(), r.resourceId())).toList(),
                ipRules(set.ipv6Rules()));
    }

    @Override
    public StorageNetworkAcls updateNetworkAcls(AzureResourceId account, StorageNetworkAcls acls) {
        NetworkRuleSet set = new NetworkRuleSet()
                .withDefaultAction(DefaultAction.fromString(acls.defaultAction()))
                .withBypass(Bypass.fromString(acls.bypass()))
                .withIpRules(sdkIpRules(acls.ipRules()))
                .withIpv6Rules(sdkIpRules(acls.ipv6Rules()))
                .withVirtualNetworkRules(acls.virtualNetworkRules().stream().map(r -> new VirtualNetworkRule()
                        .withVirtualNetworkResourceId(r.virtualNetworkResourceId())
                        .withAction(r.action() == null ? null : Action.fromString(r.action()))
                        .withState(r.state() == null ? null : State.fromString(r.state()))).toList())
                .withResourceAccessRules(acls.resourceAccessRules().stream().map(r -> new ResourceAccessRule()
                        .withTenantId(r.tenantId()).withResourceId(r.resourceId())).toList());
        // StorageAccounts_Update answers 200 with the account as it now is.
        return acls(ArmErrors.call(() -> arm.storageAccounts(account.subscriptionId())
                .updateWithResponse(account.resourceGroup(), account.name(),
                        new StorageAccountUpdateParameters().withNetworkRuleSet(set), arm.metered()).getValue()));
    }

    private static List<StorageNetworkAcls.IpRule> ipRules(List<IpRule> rules) {
        return nullSafe(rules).stream().map(r -> new StorageNetworkAcls.IpRule(r.ipAddressOrRange(), text(r.action()))).toList();
    }

    private static List<IpRule> sdkIpRules(List<StorageNetworkAcls.IpRule> rules) {
        return rules.stream().map(r -> new IpRule().withIpAddressOrRange(r.ipAddressOrRange())
                .withAction(r.action() == null ? null : Action.fromString(r.action()))).toList();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
