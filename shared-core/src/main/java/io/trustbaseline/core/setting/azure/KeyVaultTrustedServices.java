package io.trustbaseline.core.setting.azure;

import io.trustbaseline.core.port.azure.VaultFirewall;
import io.trustbaseline.core.port.azure.VaultNetworkAcls;
import io.trustbaseline.core.port.azure.VaultPort;
import io.trustbaseline.core.reconcile.CloudContext;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.CatalogSetting;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.setting.SingletonItem;
import io.trustbaseline.core.setting.contract.Checked;
import io.trustbaseline.core.setting.contract.ItemContract;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;

import java.util.Optional;

/**
 * {@code keyvault-trusted-services}: the key vault's firewall lets trusted Microsoft services through
 * ({@code networkAcls.bypass == AzureServices}), with its default action and every IP and virtual-network rule kept.
 * <p>
 * A vault without {@code networkAcls} is compliant and left alone. Key Vault's network-security doc ("Configure Azure
 * Key Vault networking settings": the firewall is disabled by default, and then all applications and Azure services
 * can reach the vault) and the 2023-07-01 NetworkRuleSet model ("If not specified the default is 'AzureServices'")
 * say why: with no firewall every caller, trusted services included, reaches the vault, and a firewall turned on
 * later without naming {@code bypass} lets trusted services through by default. Writing a {@code networkAcls} there
 * would add a firewall object nobody asked for. Once a vault has {@code networkAcls}, its {@code bypass} must say
 * {@code AzureServices}, whatever the default action: a vault open today keeps trusted services when it is closed.
 */
public final class KeyVaultTrustedServices extends CatalogSetting<KeyVaultTrustedServices.Item> {
    public static final String TYPE = "keyvault-trusted-services";

    public record Item() implements SingletonItem {
        @Override
        public String type() { return TYPE; }
    }

    public KeyVaultTrustedServices() {
        super(TYPE, Item.class, ItemContract.of("A key vault's networkAcls.bypass is AzureServices, keeping"
                + " defaultAction, ipRules and virtualNetworkRules; a vault without networkAcls (no firewall) is"
                + " compliant. No parameters."), AzureResourceTypes.VAULTS);
    }

    @Override
    public Item read(Checked item, Action action) {
        return new Item();
    }

    @Override
    public Plan plan(Item item, Action action, CloudContext cloud) {
        AzureResourceId vault = (AzureResourceId) cloud.target();
        VaultPort port = cloud.azure().vaults();
        Optional<VaultNetworkAcls> read = cloud.readTarget(VaultFirewall.class, () -> port.getFirewall(vault)).acls();
        if (read.isEmpty()) {
            return Plan.noop("no firewall (networkAcls absent): every caller, trusted Microsoft services included,"
                    + " reaches the vault", null);
        }
        VaultNetworkAcls current = read.get();
        if (current.allowsTrustedServices()) {
            return Plan.noop("trusted Microsoft services bypass the firewall", current);
        }
        VaultNetworkAcls desired = current.withBypass(VaultNetworkAcls.AZURE_SERVICES);
        return Plan.update("bypass " + current.bypass() + " -> AzureServices, default action " + current.defaultAction()
                        + " and rules kept", current, desired,
                () -> cloud.writeTarget(VaultFirewall.class, () -> port.updateNetworkAcls(vault, desired)));
    }
}
