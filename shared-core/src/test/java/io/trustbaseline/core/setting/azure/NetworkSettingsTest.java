package io.trustbaseline.core.setting.azure;

import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.port.azure.StorageNetworkAcls;
import io.trustbaseline.core.port.azure.StorageNetworkAcls.IpRule;
import io.trustbaseline.core.reconcile.TestContexts;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.PlanAction;
import io.trustbaseline.core.setting.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustbaseline.core.fake.Fixtures.ACR;
import static io.trustbaseline.core.fake.Fixtures.AZURE_READY;
import static io.trustbaseline.core.fake.Fixtures.STORAGE;
import static io.trustbaseline.core.fake.Fixtures.readyCloud;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** acr-trusted-services and storage-trusted-services. */
class NetworkSettingsTest {
    private final FakeCloud cloud = readyCloud();

    private Plan planAcr(boolean requirePremium) {
        return new AcrTrustedServices().plan(new AcrTrustedServices.Item(requirePremium), Action.ENSURE,
                TestContexts.of(ACR, AZURE_READY, cloud.ports()));
    }

    private Plan planStorage() {
        return new StorageTrustedServices().plan(new StorageTrustedServices.Item(), Action.ENSURE,
                TestContexts.of(STORAGE, AZURE_READY, cloud.ports()));
    }

    @Test
    void aRegistryBypassingNothingIsUpdatedToAzureServices() {
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "None"));

        Plan step = planAcr(true);

        assertEquals(PlanAction.UPDATE, step.action());
        step.change().apply();
        assertEquals(new RegistryNetwork("Premium", "Disabled", "AzureServices"), cloud.registry(ACR));
        assertEquals(List.of("registry.setNetworkRuleBypass acrprod01 AzureServices"), cloud.writes());
    }

    @Test
    void aRegistryAllowingAzureServicesIsANoop() {
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "AzureServices"));

        assertEquals(PlanAction.NOOP, planAcr(true).action());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aBasicRegistryWherePremiumIsRequiredIsBlockedAndNothingIsWritten() {
        cloud.registry(ACR, new RegistryNetwork("Basic", "Enabled", "None"));

        Plan step = planAcr(true);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertTrue(step.message().contains("the SKU is Basic but the baseline requires Premium"), step.message());
        assertNull(step.change());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void storageBypassGainsAzureServicesAndKeepsLoggingMetricsAndIpRules() {
        List<IpRule> rules = List.of(new IpRule("203.0.113.0/24", "Allow"));
        cloud.storageAccount(STORAGE, new StorageNetworkAcls("Deny", "Logging, Metrics", rules, null, null));

        Plan step = planStorage();

        assertEquals(PlanAction.UPDATE, step.action());
        step.change().apply();
        StorageNetworkAcls after = cloud.storageAccount(STORAGE);
        assertEquals("Logging, Metrics, AzureServices", after.bypass());
        assertEquals(rules, after.ipRules());
        assertEquals("Deny", after.defaultAction());
    }

    @Test
    void storageBypassNoneBecomesAzureServices() {
        cloud.storageAccount(STORAGE, new StorageNetworkAcls("Deny", "None", null, null, null));

        Plan step = planStorage();

        assertEquals(PlanAction.UPDATE, step.action());
        step.change().apply();
        assertEquals("AzureServices", cloud.storageAccount(STORAGE).bypass());
    }

    @Test
    void storageAlreadyBypassingAzureServicesIsANoop() {
        cloud.storageAccount(STORAGE, new StorageNetworkAcls("Deny", "Logging, AzureServices", null, null, null));

        assertEquals(PlanAction.NOOP, planStorage().action());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void withBypassAddedKeepsEveryRuleAndTheOrderOfFlags() {
        StorageNetworkAcls acls = new StorageNetworkAcls("Deny", "Metrics,Logging",
                List.of(new IpRule("198.51.100.7", "Allow")),
                List.of(new StorageNetworkAcls.VirtualNetworkRule("/subscriptions/x/vnet/subnets/a", "Allow", "Succeeded")),
                List.of(new StorageNetworkAcls.ResourceAccessRule("tenant", "/subscriptions/x/ws")),
                List.of(new IpRule("2001:db8::/48", "Allow")));

        StorageNetworkAcls merged = acls.withBypassAdded("AzureServices");

        assertEquals("Metrics, Logging, AzureServices", merged.bypass());
        assertEquals(acls.ipRules(), merged.ipRules());
        assertEquals(acls.virtualNetworkRules(), merged.virtualNetworkRules());
        assertEquals(acls.resourceAccessRules(), merged.resourceAccessRules());
        assertEquals(acls.ipv6Rules(), merged.ipv6Rules());
        assertEquals("Metrics, Logging, AzureServices", merged.withBypassAdded("azureservices").bypass(),
                "adding a flag that is there changes nothing");
    }
}
