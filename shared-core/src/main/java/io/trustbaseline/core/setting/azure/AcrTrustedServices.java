package io.trustbaseline.core.setting.azure;

import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.port.azure.RegistryPort;
import io.trustbaseline.core.reconcile.CloudContext;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.CatalogSetting;
import io.trustbaseline.core.setting.SingletonItem;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.setting.contract.Checked;
import io.trustbaseline.core.setting.contract.FieldSpec;
import io.trustbaseline.core.setting.contract.ItemContract;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;


/**
 * {@code acr-trusted-services}: the registry lets trusted Azure services through its network rules
 * ({@code networkRuleBypassOptions == AzureServices}). Where the baseline requires Premium, another SKU is
 * reported and left alone: a SKU change costs money and is a person's decision.
 */
public final class AcrTrustedServices extends CatalogSetting<AcrTrustedServices.Item> {
    public static final String TYPE = "acr-trusted-services";

    public record Item(boolean requirePremium) implements SingletonItem {
        @Override
        public String type() { return TYPE; }
    }

    public AcrTrustedServices() {
        super(TYPE, Item.class, ItemContract.of("The registry lets trusted Azure services bypass its network rules"
                        + " (networkRuleBypassOptions = AzureServices).",
                FieldSpec.bool("requirePremium", "Also require the Premium SKU; a registry that is not Premium is"
                        + " reported, never upgraded.").defaultValue(false)), AzureResourceTypes.REGISTRIES);
    }

    @Override
    public Item read(Checked item, Action action) {
        return new Item(item.bool("requirePremium"));
    }

    @Override
    public Plan plan(Item item, Action action, CloudContext cloud) {
        AzureResourceId registry = (AzureResourceId) cloud.target();
        RegistryPort port = cloud.azure().registries();
        RegistryNetwork current = cloud.readTarget(RegistryNetwork.class, () -> port.get(registry));
        if (item.requirePremium() && !"Premium".equalsIgnoreCase(current.sku())) {
            return Plan.blocked("the SKU is " + current.sku() + " but the baseline requires Premium; trust-baseline"
                    + " never changes a SKU, so nothing was changed: upgrade the registry or exempt it", current);
        }
        if (RegistryNetwork.AZURE_SERVICES.equalsIgnoreCase(current.networkRuleBypassOptions())) {
            return Plan.noop("trusted Azure services are allowed", current);
        }
        RegistryNetwork desired = new RegistryNetwork(current.sku(), current.publicNetworkAccess(),
                RegistryNetwork.AZURE_SERVICES);
        return Plan.update("allow trusted Azure services (networkRuleBypassOptions " + current.networkRuleBypassOptions()
                        + " -> AzureServices)", current, desired,
                () -> cloud.writeTarget(RegistryNetwork.class,
                        () -> port.setNetworkRuleBypass(registry, RegistryNetwork.AZURE_SERVICES)));
    }
}
