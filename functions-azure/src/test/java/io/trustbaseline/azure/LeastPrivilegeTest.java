package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.arm.AzureRole;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Least privilege, proven by execution: with any one action taken out of the custom role (infra/azure/permissions.json),
 * the scenario of {@link InfraRoleTest} meets ARM's 403 for that action and a report names it. Together with
 * InfraRoleTest (every call is granted) this shows the role is exactly what the functions need.
 */
class LeastPrivilegeTest {

    @TestFactory
    Stream<DynamicTest> withoutAnyOneActionTheScenarioFailsNamingIt() {
        return AzureRole.deployment().actions().stream().map(action -> DynamicTest.dynamicTest("without " + action, () -> {
            try (AzureTestCloud cloud = AzureTestCloud.withRole(AzureRole.deployment().without(action))) {
                List<JsonNode> reports = InfraRoleTest.runScenario(cloud);
                assertTrue(cloud.calls().calls().stream().anyMatch(c -> c.status() == 403),
                        () -> "no call was refused: " + cloud.calls().calls().stream().map(CallLog.Call::api).toList());
                assertTrue(reports.stream().anyMatch(r -> r.toString().contains(action)),
                        () -> "no report names " + action + ": " + reports);
            }
        }));
    }
}
