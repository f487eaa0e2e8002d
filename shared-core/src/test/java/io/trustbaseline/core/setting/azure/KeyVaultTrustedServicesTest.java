package io.trustbaseline.core.setting.azure;

import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.port.azure.VaultNetworkAcls;
import io.trustbaseline.core.port.azure.VaultNetworkAcls.IpRule;
import io.trustbaseline.core.port.azure.VaultNetworkAcls.VirtualNetworkRule;
import io.trustbaseline.core.reconcile.TestContexts;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.setting.PlanAction;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;
import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.TargetType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.trustbaseline.core.fake.Fixtures.AZURE_READY;
import static io.trustbaseline.core.fake.Fixtures.RG;
import static io.trustbaseline.core.fake.Fixtures.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keyvault-trusted-services on an in-memory vault. */
class KeyVaultTrustedServicesTest {
    private static final AzureResourceId VAULT = AzureResourceId.of(SUB, RG, AzureResourceTypes.VAULTS, "kv-prod-01");
    private static final List<IpRule> IP_RULES = List.of(new IpRule("203.0.113.0/24"));
    private static final List<VirtualNetworkRule> SUBNETS = List.of(new VirtualNetworkRule(
            "/subscriptions/" + SUB + "/resourcegroups/rg-net/providers/microsoft.network/virtualnetworks/vnet/subnets/apps", false));

    private final FakeCloud cloud = new FakeCloud().target(VAULT, AZURE_READY);

    private Plan plan() {
        return new KeyVaultTrustedServices().plan(new KeyVaultTrustedServices.Item(), Action.ENSURE,
                TestContexts.of(VAULT, AZURE_READY, cloud.ports()));
    }

    @Test
    void aClosedVaultBypassingNothingGetsAzureServicesWithItsDefaultActionAndRulesKept() {
        cloud.vault(VAULT, new VaultNetworkAcls("Deny", "None", IP_RULES, SUBNETS));

        Plan plan = plan();

        assertEquals(PlanAction.UPDATE, plan.action());
        assertTrue(plan.message().contains("bypass None -> AzureServices"), plan.message());
        plan.change().apply();
        assertEquals(Optional.of(new VaultNetworkAcls("Deny", "AzureServices", IP_RULES, SUBNETS)), cloud.vault(VAULT));
        assertEquals(List.of("vaults.updateNetworkAcls kv-prod-01 bypass=AzureServices"), cloud.writes());
    }

    @Test
    void anOpenVaultWithAFirewallObjectBypassingNothingIsAlsoSetSoClosingItLaterKeepsTrustedServices() {
        cloud.vault(VAULT, new VaultNetworkAcls("Allow", "None", null, null));

        Plan plan = plan();

        assertEquals(PlanAction.UPDATE, plan.action());
        plan.change().apply();
        assertEquals(Optional.of(new VaultNetworkAcls("Allow", "AzureServices", List.of(), List.of())), cloud.vault(VAULT));
    }

    @Test
    void aVaultAlreadyBypassingAzureServicesIsCompliantWhateverTheCaseOfTheValue() {
        cloud.vault(VAULT, new VaultNetworkAcls("Deny", "azureservices", IP_RULES, SUBNETS));

        Plan plan = plan();

        assertEquals(PlanAction.NOOP, plan.action());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aVaultWithoutNetworkAclsHasNoFirewallAndIsCompliantWithANoteAndNothingWritten() {
        cloud.vault(VAULT, null);

        Plan plan = plan();

        assertEquals(PlanAction.NOOP, plan.action());
        assertTrue(plan.message().startsWith("no firewall (networkAcls absent)"), plan.message());
        assertNull(plan.before());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void theSettingIsInTheStandardCatalogForKeyVaultsOnly() {
        var setting = Catalog.standard().find(KeyVaultTrustedServices.TYPE).orElseThrow();

        assertEquals(Set.of("Microsoft.KeyVault/vaults"), setting.resourceTypes());
        assertEquals(Optional.of(TargetType.KEY_VAULT), TargetType.of("microsoft.keyvault/VAULTS"));
        assertEquals(Cloud.AZURE, TargetType.KEY_VAULT.cloud());
        assertEquals("Microsoft.KeyVault/vaults/write", TargetType.KEY_VAULT.writeOperation());
    }

    @Test
    void vaultNamesFollowTheKeyVaultRule() {
        TargetType.NameRule rule = TargetType.KEY_VAULT.nameRule();

        assertTrue(rule.accepts("kv-prod-01"));
        assertFalse(rule.accepts("kv"), "at least 3 characters");
        assertFalse(rule.accepts("kv_prod"), "no underscore");
        assertFalse(rule.accepts("a".repeat(25)), "at most 24 characters");
    }
}
