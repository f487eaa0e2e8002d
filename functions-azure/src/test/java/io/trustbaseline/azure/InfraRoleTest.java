package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.azure.local.LocalOutput;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.arm.ArmService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.insertedNow;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The custom role (infra/azure/permissions.json, which main.bicep loads) grants exactly the ARM actions the adapters
 * use, the polls of long-running operations included: every function runs against the local cloud, which enforces the
 * role, each API it called is mapped to its authorization action, and the two sets must be equal.
 */
class InfraRoleTest {
    private static final Path BICEP = Path.of("..", "infra", "azure", "main.bicep");
    private static final Path PERMISSIONS = BICEP.resolveSibling("permissions.json");

    private static Set<String> grantedActions() throws Exception {
        Set<String> actions = new TreeSet<>();
        AzureTestCloud.json(Files.readString(PERMISSIONS)).path("actions").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    /** Every adapter call the functions make: create, update and remove bindings, the three other settings, a sweep. */
    static List<JsonNode> runScenario(AzureTestCloud cloud) {
        List<JsonNode> reports = new ArrayList<>();
        for (String event : new String[] {"eventgrid-aks-created.json", "eventgrid-acr-created.json"}) {
            reports.add(cloud.eventToEnd(sample("azure/" + event)));
        }
        // a ticket's binding, then its removal (a request removes only bindings it created)
        for (String ticket : new String[] {"tickets/aks-binding.json", "tickets/remove-binding.json"}) {
            LocalOutput<String> results = new LocalOutput<>();
            new TicketQueue(cloud.runtime()).run(sample(ticket), insertedNow(), results, context("TicketQueue"));
            reports.add(AzureTestCloud.json(results.getValue()));
        }
        reports.add(AzureTestCloud.json(new Sweep(cloud.runtime()).run(sample("azure/timer-sweep.json"), context("Sweep"))));
        cloud.queue().drain(cloud.runtime(), 2); // the sweep enqueues; the queue function does the work
        cloud.queue().takeResults().forEach(r -> reports.add(AzureTestCloud.json(r)));
        return reports;
    }

    private static Set<String> calledActions() {
        try (AzureTestCloud cloud = AzureTestCloud.start()) {
            runScenario(cloud);
            Set<String> apis = cloud.calls().calls().stream().map(CallLog.Call::api).collect(Collectors.toSet());
            assertTrue(apis.containsAll(Set.of("arm:TrustedAccessRoleBindings_Delete", "arm:RoleAssignments_Create",
                    "arm:StorageAccounts_Update", "arm:Registries_Update")), apis::toString);
            assertTrue(apis.stream().noneMatch(a -> a.startsWith("unknown:")), () -> "not emulated: " + apis);
            assertTrue(cloud.calls().calls().stream().noneMatch(c -> c.status() == 403), () -> "refused: " + cloud.calls().calls());
            return apis.stream()
                    .map(a -> ArmService.actionOf(a).orElseThrow(() -> new AssertionError("no action for " + a)))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theCustomRoleGrantsExactlyTheActionsTheAdaptersCall() throws Exception {
        Set<String> granted = grantedActions();
        Set<String> called = calledActions();

        Set<String> missing = new TreeSet<>(called);
        missing.removeAll(granted);
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(called);
        assertEquals(Set.of(), missing, "called but not in the role");
        assertEquals(Set.of(), unused, "in the role but never called");
    }

    @Test
    void roleAssignmentWritesAreLimitedToTheTwoStorageRoles() throws Exception {
        String bicep = Files.readString(BICEP) + Files.readString(BICEP.resolveSibling("subscription-access.bicep"));
        assertTrue(bicep.contains("loadJsonContent('permissions.json')") && bicep.contains("permissions.actions")
                && bicep.contains("permissions.assignableRoleDefinitionIds"), "main.bicep takes the role from permissions.json");
        List<String> assignable = new ArrayList<>();
        AzureTestCloud.json(Files.readString(PERMISSIONS)).path("assignableRoleDefinitionIds").forEach(id -> assignable.add(id.asText()));
        assertEquals(List.of("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "17d1049b-9a84-46fb-8f53-869881c3d3ab"), assignable);
        assertTrue(bicep.contains("@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals"));
        assertTrue(bicep.contains("ActionMatches{\\'Microsoft.Authorization/roleAssignments/write\\'}"));
    }

    @Test
    void theAppReachesItsStorageWithItsIdentityHoldingTheTwoDataRolesAndNoAccountKey() throws Exception {
        String bicep = Files.readString(BICEP);
        assertTrue(bicep.contains("{ name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }"));
        assertTrue(bicep.contains("{ name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }"));
        assertTrue(!bicep.contains("listKeys(") && !bicep.contains("{ name: 'AzureWebJobsStorage', "), "no connection string");
        // Storage Blob Data Owner and Storage Queue Data Contributor, on the app's own storage account only.
        for (String role : List.of("storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'",
                "storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'")) {
            assertTrue(bicep.contains(role), role);
            String id = role.substring(0, role.indexOf(' '));
            assertTrue(bicep.contains("name: guid(storage.id, app.id, " + id + ")\n  scope: storage\n"), id);
        }
        assertEquals(java.util.Optional.of(new StorageConnection.Identity(
                java.net.URI.create("https://tbexample.queue.core.windows.net/"), true, null)),
                StorageConnection.fromSettings(java.util.Map.of("AzureWebJobsStorage__queueServiceUri",
                        "https://tbexample.queue.core.windows.net/", "AzureWebJobsStorage__credential", "managedidentity"),
                        AzureRuntime.STORAGE), "the settings the Bicep writes choose the managed identity");
    }
}
