package io.trustbaseline.azure;

import io.trustbaseline.azure.local.LocalOutput;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.arm.ArmService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The custom role in infra/azure/main.bicep grants exactly the ARM actions the adapters use: every function runs
 * against the local cloud, each API it called is mapped to its authorization action, and the two sets must be equal.
 */
class InfraRoleTest {
    private static final Path BICEP = Path.of("..", "infra", "azure", "main.bicep");
    /**
     * The status URLs a long-running PUT or DELETE hands out. ARM authorises polling them through the write that
     * started the operation, so the role needs no {@code locations/operations/read}: built-in roles that create AKS
     * resources (such as Azure Kubernetes Service Contributor) do not carry it either.
     */
    private static final Set<String> OPERATION_POLLS = Set.of("arm:ContainerServiceOperationStatus_Get",
            "arm:ContainerServiceOperationResults_Get");

    private static Set<String> bicepActions() throws Exception {
        String bicep = Files.readString(BICEP);
        Matcher block = Pattern.compile("(?s)// trust-baseline:actions:begin(.*?)// trust-baseline:actions:end").matcher(bicep);
        assertTrue(block.find(), "main.bicep delimits the role's actions");
        Set<String> actions = new TreeSet<>();
        Matcher quoted = Pattern.compile("'([^']+)'").matcher(block.group(1));
        while (quoted.find()) {
            actions.add(quoted.group(1));
        }
        return actions;
    }

    /** Every adapter call the functions make: create, update and remove bindings, the three other settings, a sweep. */
    private static Set<String> calledActions() {
        try (AzureTestCloud cloud = AzureTestCloud.start()) {
            ResourceWritten events = new ResourceWritten(cloud.runtime());
            for (String event : new String[] {"eventgrid-aks-created.json", "eventgrid-acr-created.json"}) {
                events.run(sample("azure/" + event), context("ResourceWritten"));
            }
            // a ticket's binding, then its removal (a request removes only bindings it created)
            for (String ticket : new String[] {"tickets/aks-binding.json", "tickets/remove-binding.json"}) {
                new TicketQueue(cloud.runtime()).run(sample(ticket), 1, new LocalOutput<>(), context("TicketQueue"));
            }
            new Sweep(cloud.runtime()).run(sample("azure/timer-sweep.json"), context("Sweep"));

            Set<String> apis = cloud.calls().calls().stream().map(CallLog.Call::api).collect(Collectors.toSet());
            assertTrue(apis.containsAll(Set.of("arm:TrustedAccessRoleBindings_Delete", "arm:RoleAssignments_Create",
                    "arm:StorageAccounts_Update", "arm:Registries_Update")), apis::toString);
            assertTrue(apis.stream().noneMatch(a -> a.startsWith("unknown:")), () -> "not emulated: " + apis);
            return apis.stream().filter(a -> !OPERATION_POLLS.contains(a))
                    .map(a -> ArmService.actionOf(a).orElseThrow(() -> new AssertionError("no action for " + a)))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theCustomRoleGrantsExactlyTheActionsTheAdaptersCall() throws Exception {
        Set<String> granted = bicepActions();
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
        assertTrue(bicep.contains("'ba92f5b4-2d11-453d-a403-e96b0029c9fe'") && bicep.contains("'17d1049b-9a84-46fb-8f53-869881c3d3ab'"));
        assertTrue(bicep.contains("@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals"));
        assertTrue(bicep.contains("ActionMatches{\\'Microsoft.Authorization/roleAssignments/write\\'}"));
    }
}
