package io.trustbaseline.azure.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.azure.AzureTestCloud;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.azure.VaultFirewall;
import io.trustbaseline.core.port.azure.VaultNetworkAcls;
import io.trustbaseline.core.port.azure.VaultNetworkAcls.IpRule;
import io.trustbaseline.core.port.azure.VaultNetworkAcls.VirtualNetworkRule;
import io.trustbaseline.core.sweep.InventoryScope;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trustbaseline.azure.AzureTestCloud.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Key Vault adapter over real HTTP: the real azure-resourcemanager-keyvault client against the local cloud. */
class ArmKeyVaultsTest {
    private static final String VAULT = AzureTestCloud.id("rg-security", "Microsoft.KeyVault/vaults", "kv-platform-weu");
    private static final String OPEN_VAULT = AzureTestCloud.id("rg-security", "Microsoft.KeyVault/vaults", "kv-open-weu");
    private static final VaultNetworkAcls SEEDED = new VaultNetworkAcls("Deny", "None", List.of(new IpRule("203.0.113.0/24")),
            List.of(new VirtualNetworkRule("/subscriptions/" + SUB + "/resourcegroups/rg-platform/providers/microsoft.network"
                    + "/virtualnetworks/vnet-platform/subnets/aks", false)));

    private final AzureTestCloud cloud = AzureTestCloud.start();
    private final ArmConnection arm = ArmConnection.local(cloud.cloud().endpoint());
    private final ArmKeyVaults vaults = new ArmKeyVaults(arm);

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static JsonNode example(String file) {
        try (InputStream in = ArmKeyVaultsTest.class.getResourceAsStream("/reference/keyvault/" + file)) {
            return AzureTestCloud.json(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aVaultsFirewallReadsCompleteAndAVaultWithoutNetworkAclsReadsEmpty() {
        assertEquals(new VaultFirewall(SEEDED), vaults.getFirewall(AzureResourceId.parse(VAULT)));
        assertEquals(new VaultFirewall(null), vaults.getFirewall(AzureResourceId.parse(OPEN_VAULT)));
        assertTrue(cloud.calls().byApi().containsKey("arm:Vaults_Get"));
    }

    @Test
    void theTargetsDescriptionCarriesItsFirewallAndThePatchAnswersWithTheNewOneChangingOnlyTheBypass() {
        AzureResourceId vault = AzureResourceId.parse(VAULT);
        TargetState described = new ArmTargets(arm, List.of(SUB)).describe(vault).orElseThrow(); // a reconcile plans from it
        assertEquals(Optional.of(new VaultFirewall(SEEDED)), described.view(VaultFirewall.class));

        VaultFirewall answered = vaults.updateNetworkAcls(vault, SEEDED.withBypass(VaultNetworkAcls.AZURE_SERVICES));

        JsonNode stored = cloud.world("/azure/subscriptions/" + SUB + "/resourceGroups/rg-security/vaults/kv-platform-weu");
        assertEquals("AzureServices", stored.at("/networkAcls/bypass").asText());
        assertEquals("Deny", stored.at("/networkAcls/defaultAction").asText());
        assertEquals("203.0.113.0/24", stored.at("/networkAcls/ipRules/0/value").asText());
        assertEquals(SEEDED.virtualNetworkRules().get(0).id(), stored.at("/networkAcls/virtualNetworkRules/0/id").asText());
        assertEquals("security", stored.at("/tags/team").asText(), "a PATCH of networkAcls leaves the tags");
        assertEquals(new VaultFirewall(SEEDED.withBypass("AzureServices")), answered, "verified from the PATCH's 200 body");
        assertEquals(Map.of("arm:Vaults_Get", 1, "arm:Vaults_Update", 1), cloud.calls().byApi());
    }

    @Test
    void theOfficialExamplesBodiesReadBackThroughTheAdapterAndTheEmulatorAnswersThemAsPublished() {
        JsonNode updated = example("updateVault.excerpt.json").at("/responses/200/body");
        ObjectNode entry = cloud.resource("rg-security", "vaults", "sample-vault");
        entry.put("location", updated.path("location").asText()).set("tags", updated.path("tags"));
        entry.setAll((ObjectNode) updated.path("properties").deepCopy());
        JsonNode got = example("getVault.excerpt.json").at("/responses/200/body");
        ObjectNode plain = cloud.resource("rg-security", "vaults", "sample-plain");
        plain.put("location", got.path("location").asText()).set("tags", got.path("tags"));
        plain.setAll((ObjectNode) got.path("properties").deepCopy());

        String id = AzureTestCloud.id("rg-security", "Microsoft.KeyVault/vaults", "sample-vault");
        assertEquals(new VaultFirewall(new VaultNetworkAcls("Deny", "AzureServices", List.of(new IpRule("")),
                List.of(new VirtualNetworkRule("", false)))), vaults.getFirewall(AzureResourceId.parse(id)));
        assertEquals(new VaultFirewall(null), vaults.getFirewall(AzureResourceId.parse(id.replace("sample-vault", "sample-plain"))),
                "the getVault example has no networkAcls: no firewall");
        JsonNode answered = arm.get(id, "2023-07-01");
        assertEquals(((ObjectNode) updated.deepCopy()).put("id", id), answered);
    }

    @Test
    void theTargetsAdapterReadsAVaultsStateAndTheInventoryListsTheVaultsOfTheSubscription() {
        TargetState state = new ArmTargets(arm, List.of(SUB)).describe(AzureResourceId.parse(VAULT)).orElseThrow();
        assertTrue(state.ready());
        assertEquals("westeurope", state.location());
        assertEquals(Map.of("team", "security"), state.tags());

        ArmInventory inventory = new ArmInventory(arm, List.of(SUB));
        InventoryScope scope = inventory.scopes().stream()
                .filter(s -> s.resourceType().equals("Microsoft.KeyVault/vaults")).findFirst().orElseThrow();
        List<String> listed = inventory.page(scope, Optional.empty()).targets().stream().map(Target::id).toList();
        assertEquals(List.of(VAULT, OPEN_VAULT), listed);
        assertTrue(cloud.calls().byApi().containsKey("arm:Vaults_ListBySubscription"));
    }

    @Test
    void aMissingVaultIsNotFoundAndAWriteTheRoleDoesNotGrantIsAccessDeniedNamingTheAction() {
        String gone = VAULT.replace("kv-platform-weu", "kv-gone-weu");
        CloudException missing = assertThrows(CloudException.class, () -> vaults.getFirewall(AzureResourceId.parse(gone)));
        assertEquals(CloudException.Kind.NOT_FOUND, missing.kind());

        cloud.fault("arm:Vaults_Update", "AuthorizationFailed", null, 1);
        CloudException denied = assertThrows(CloudException.class, () ->
                vaults.updateNetworkAcls(AzureResourceId.parse(VAULT), SEEDED.withBypass("AzureServices")));
        assertEquals(CloudException.Kind.ACCESS_DENIED, denied.kind());
        assertEquals("Microsoft.KeyVault/vaults/write", denied.permission());
        assertEquals("None", cloud.world("/azure/subscriptions/" + SUB + "/resourceGroups/rg-security/vaults/kv-platform-weu")
                .at("/networkAcls/bypass").asText());
    }
}
