package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key vaults on the local ARM: the wire format, PATCH semantics, and Key Vault's refusals with its error codes. */
class KeyVaultsTest {
    private static final String SUB = TestWorlds.SUB;
    private static final String VAULTS = "/subscriptions/" + SUB + "/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults";
    private static final String API = "?api-version=2023-07-01";
    private static final String CLOSED_ACLS = """
            { "defaultAction": "Deny", "bypass": "None",
              "ipRules": [ { "value": "203.0.113.0/24" } ],
              "virtualNetworkRules": [ { "id": "/subscriptions/%s/resourcegroups/rg-net/providers/microsoft.network/virtualnetworks/vnet/subnets/apps",
                                         "ignoreMissingVnetServiceEndpoint": false } ] }""".formatted(SUB);

    private LocalCloud cloud;

    private void start(AzureRole role) {
        cloud = LocalCloud.start(World.parse("""
                { "azure": { "subscriptions": { "%s": { "resourceGroups": { "rg-kv": { "vaults": {
                    "kv-closed": { "location": "westeurope", "tenantId": "00000000-0000-0000-0000-0000000000aa",
                                   "networkAcls": %s, "tags": { "env": "prod" } },
                    "kv-open": { "location": "westeurope", "tenantId": "00000000-0000-0000-0000-0000000000aa" }
                } } } } } } }
                """.formatted(SUB, CLOSED_ACLS)), List.of(ArmService.create(role)));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cloud.endpoint() + pathAndQuery))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return World.parse(response.body()).root();
    }

    private JsonNode stored(String vault) {
        return World.parse(cloud.world().dump()).root().at("/azure/subscriptions/" + SUB + "/resourceGroups/rg-kv/vaults/" + vault);
    }

    @Test
    void aVaultReadsWithItsNetworkAclsUnderPropertiesAndAVaultWithoutOneHasNone() throws Exception {
        start(AzureRole.deployment());

        JsonNode closed = json(send("GET", VAULTS + "/kv-closed" + API, null));
        JsonNode open = json(send("GET", VAULTS + "/kv-open" + API, null));

        assertEquals("Microsoft.KeyVault/vaults", closed.path("type").asText());
        assertEquals("None", closed.at("/properties/networkAcls/bypass").asText());
        assertEquals("203.0.113.0/24", closed.at("/properties/networkAcls/ipRules/0/value").asText());
        assertEquals("https://kv-closed.vault.azure.net/", closed.at("/properties/vaultUri").asText());
        assertEquals("Succeeded", closed.at("/properties/provisioningState").asText());
        assertTrue(open.path("properties").path("networkAcls").isMissingNode());
        assertEquals(2, json(send("GET", "/subscriptions/" + SUB + "/providers/Microsoft.KeyVault/vaults" + API, null))
                .path("value").size());
    }

    @Test
    void aPatchOfNetworkAclsStoresExactlyWhatWasSentAndAnswers200WithTheVault() throws Exception {
        start(AzureRole.deployment());
        String sent = CLOSED_ACLS.replace("\"None\"", "\"AzureServices\"");

        HttpResponse<String> response = send("PATCH", VAULTS + "/kv-closed" + API, "{\"properties\":{\"networkAcls\":" + sent + "}}");

        assertEquals(200, response.statusCode());
        assertEquals("AzureServices", json(response).at("/properties/networkAcls/bypass").asText());
        assertEquals(new ObjectMapper().readTree(sent), stored("kv-closed").path("networkAcls"));
        assertEquals("prod", stored("kv-closed").at("/tags/env").asText(), "what the PATCH does not send is kept");
    }

    @Test
    void aBypassOtherThanAzureServicesOrNoneIsRefusedWith400BadRequestAndChangesNothing() throws Exception {
        start(AzureRole.deployment());

        HttpResponse<String> response = send("PATCH", VAULTS + "/kv-closed" + API,
                "{\"properties\":{\"networkAcls\":{\"defaultAction\":\"Deny\",\"bypass\":\"Logging, AzureServices\"}}}");
        HttpResponse<String> badAction = send("PATCH", VAULTS + "/kv-closed" + API,
                "{\"properties\":{\"networkAcls\":{\"defaultAction\":\"Block\",\"bypass\":\"AzureServices\"}}}");

        assertEquals(400, response.statusCode());
        assertEquals("BadRequest", json(response).at("/error/code").asText());
        assertTrue(json(response).at("/error/message").asText().contains("properties.networkAcls.bypass"));
        assertEquals(400, badAction.statusCode());
        assertTrue(json(badAction).at("/error/message").asText().contains("properties.networkAcls.defaultAction"));
        assertEquals("None", stored("kv-closed").at("/networkAcls/bypass").asText());
    }

    @Test
    void anApiVersionKeyVaultDoesNotRegisterIsRefusedWithNoRegisteredProviderFound() throws Exception {
        start(AzureRole.deployment());

        HttpResponse<String> response = send("GET", VAULTS + "/kv-closed?api-version=2099-01-01", null);

        assertEquals(400, response.statusCode());
        assertEquals("NoRegisteredProviderFound", json(response).at("/error/code").asText());
        assertTrue(json(response).at("/error/message").asText().contains("'2099-01-01' for type 'vaults'"));
    }

    @Test
    void aMissingVaultOrGroupAnswersArmsNotFoundShapes() throws Exception {
        start(AzureRole.deployment());

        HttpResponse<String> vault = send("GET", VAULTS + "/kv-gone" + API, null);
        HttpResponse<String> group = send("PATCH", "/subscriptions/" + SUB
                + "/resourceGroups/rg-gone/providers/Microsoft.KeyVault/vaults/kv-closed" + API, "{\"properties\":{}}");
        HttpResponse<String> badName = send("GET", VAULTS + "/kv_bad" + API, null);

        assertEquals(404, vault.statusCode());
        assertEquals("ResourceNotFound", json(vault).at("/error/code").asText());
        assertTrue(json(vault).at("/error/message").asText().contains("'Microsoft.KeyVault/vaults/kv-gone'"));
        assertEquals(404, group.statusCode());
        assertEquals("ResourceGroupNotFound", json(group).at("/error/code").asText());
        assertEquals(400, badName.statusCode());
    }

    @Test
    void theDeploymentRoleMayReadAndWriteVaultsAndARoleWithoutWriteIsRefusedNamingTheAction() throws Exception {
        assertTrue(ArmService.actions().get("arm:Vaults_Update").equals("Microsoft.KeyVault/vaults/write"));
        start(AzureRole.deployment().without("Microsoft.KeyVault/vaults/write"));

        HttpResponse<String> response = send("PATCH", VAULTS + "/kv-closed" + API,
                "{\"properties\":{\"networkAcls\":{\"defaultAction\":\"Deny\",\"bypass\":\"AzureServices\"}}}");

        assertEquals(403, response.statusCode());
        assertEquals("AuthorizationFailed", json(response).at("/error/code").asText());
        assertTrue(json(response).at("/error/message").asText().contains("'Microsoft.KeyVault/vaults/write'"));
        assertEquals("None", stored("kv-closed").at("/networkAcls/bypass").asText());
        assertFalse(json(send("GET", VAULTS + "/kv-closed" + API, null)).has("error"), "read is still granted");
    }
}
