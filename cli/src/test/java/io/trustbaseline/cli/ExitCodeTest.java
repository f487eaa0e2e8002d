package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exit codes scripts rely on: 0 compliant, applied, planned or deferred; 2 rejected or a usage error; 1 failed. */
class ExitCodeTest {
    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000b1";
    private static final String REGISTRY = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-small/providers/Microsoft.ContainerRegistry/registries/acrsmall";
    private static final String CLUSTER = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-small/providers/Microsoft.ContainerService/managedClusters/aks-small";
    private static final String WORKSPACE = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-small/providers/Microsoft.MachineLearningServices/workspaces/mlw-small";

    /** A registry on the given SKU, and a prod cluster that already has the aml-central binding. */
    private static String world(String sku) {
        return """
                { "azure": {
                    "subscriptions": { "%s": {
                      "resourceGroups": { "rg-small": {
                        "registries": { "acrsmall": { "location": "westeurope", "sku": "%s", "publicNetworkAccess": "Enabled",
                                                      "networkRuleBypassOptions": "None", "provisioningState": "Succeeded", "tags": {} } },
                        "managedClusters": { "aks-small": { "location": "westeurope", "provisioningState": "Succeeded",
                                                            "tags": { "env": "prod" },
                                                            "trustedAccessRoleBindings": { "aml-central": {
                                                              "sourceResourceId": "%s",
                                                              "roles": ["Microsoft.MachineLearningServices/workspaces/mlworkload"] } } } },
                        "workspaces": { "mlw-small": { "location": "westeurope", "hbiWorkspace": false,
                                                       "identity": { "type": "SystemAssigned", "principalId": "0b8e1f3a-4c2d-4e5f-8a9b-1c2d3e4f5a6b" },
                                                       "tags": {} } } } },
                      "roleAssignments": [] } },
                    "trustedAccessRoles": { "westeurope": [
                      { "sourceResourceType": "Microsoft.MachineLearningServices/workspaces", "name": "mlworkload" } ] } },
                  "aws": { "accounts": {} }, "faults": [], "latencyMs": 0 }
                """.formatted(SUBSCRIPTION, sku, WORKSPACE);
    }

    private static final String BASELINE = """
            version: 1
            rules:
              - name: registries
                match: { cloud: azure, resourceType: Microsoft.ContainerRegistry/registries }
                settings: [ { type: acr-trusted-services, requirePremium: true } ]
              - name: clusters
                match: { cloud: azure, resourceType: Microsoft.ContainerService/managedClusters, tags: { env: prod } }
                settings:
                  - type: aks-trusted-access
                    name: aml-central
                    sourceResourceId: %s
                    roles: [Microsoft.MachineLearningServices/workspaces/mlworkload]
            guardrails:
              trustedAccessSources: ["/subscriptions/*/resourceGroups/*/providers/Microsoft.MachineLearningServices/workspaces/*"]
              trustedAccessRoles: [Microsoft.MachineLearningServices/workspaces/mlworkload]
            """.formatted(WORKSPACE);

    private static String request(String target) {
        return """
                { "schemaVersion": 1, "requestId": "EXIT-1", "requestedBy": "ops@example.com", "target": { "azureResourceId": "%s" } }
                """.formatted(target);
    }

    @TempDir
    Path dir;

    private Cli.Result runOn(String sku, String target, String... more) {
        Path world = Cli.write(dir.resolve("world.json"), world(sku));
        Path baseline = Cli.write(dir.resolve("baseline.yaml"), BASELINE);
        Path event = Cli.write(dir.resolve("request.json"), request(target));
        String[] args = new String[7 + more.length];
        System.arraycopy(new String[] {"run", "--event", event.toString(), "--world", world.toString(),
                "--baseline", baseline.toString()}, 0, args, 0, 7);
        System.arraycopy(more, 0, args, 7, more.length);
        return Cli.run(args);
    }

    private static void assertOutcome(Cli.Result result, int exit, String status) {
        assertEquals(exit, result.exit(), result::toString);
        assertEquals(1, result.reports().size(), result::toString);
        JsonNode report = result.reports().get(0);
        assertEquals(status, report.path("status").asText(), result::toString);
        Cli.assertValidReport(report, status);
    }

    @Test
    void appliedExitsZero() {
        assertOutcome(runOn("Premium", REGISTRY), 0, "applied");
    }

    @Test
    void compliantExitsZero() {
        assertOutcome(runOn("Premium", CLUSTER), 0, "compliant");
    }

    @Test
    void plannedExitsZeroAndTheDryRunWritesNothing() {
        Cli.Result result = runOn("Premium", REGISTRY, "--dry-run");
        assertOutcome(result, 0, "planned");
        assertTrue(result.json().path("dryRun").asBoolean());
        assertEquals(0, result.json().path("calls").path("writes").asInt());
    }

    @Test
    void deferredExitsZero() {
        assertOutcome(Cli.run("run", "--event", Cli.sample("azure/eventgrid-aks-creating.json")), 0, "deferred");
    }

    @Test
    void aBlockedItemFailsTheReportAndExitsOne() {
        Cli.Result result = runOn("Basic", REGISTRY);
        assertOutcome(result, 1, "failed");
        JsonNode item = result.json().path("targets").path(0).path("items").path(0);
        assertEquals("acr-trusted-services", item.path("setting").asText());
        assertEquals("blocked", item.path("status").asText(), result::toString);
        assertEquals(0, result.json().path("calls").path("writes").asInt(), "a SKU is never changed");
    }

    @Test
    void aRejectedTicketExitsTwo() {
        assertOutcome(Cli.run("run", "--event", Cli.sample("tickets/refused/forbidden-policy.json")), 2, "rejected");
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, Cli.run().exit(), "no arguments");
        assertEquals(2, Cli.run("frobnicate").exit(), "unknown command");
        assertEquals(2, Cli.run("run").exit(), "run without --event");
        assertEquals(2, Cli.run("run", "--event").exit(), "--event without its value");
    }

    @Test
    void helpExitsZeroWithTheUsageOnStdout() {
        Cli.Result result = Cli.run("--help");
        assertEquals(0, result.exit());
        assertTrue(result.out().contains("trust-baseline run --event FILE"), result::toString);
        assertTrue(result.out().contains("trust-baseline serve [--world FILE]"), result::toString);
    }
}
