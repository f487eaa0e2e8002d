package io.trustbaseline.aws;

import io.trustbaseline.localcloud.aws.IamPolicy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Least privilege, proven by execution: with any one action taken out of the function policy
 * (infra/aws/permissions.json), the scenario of {@link InfraPolicyTest} is refused by EKS, IAM or STS and a report names
 * that action. Together with InfraPolicyTest (every call is granted) this shows the policy is what the functions need.
 */
class LeastPrivilegeTest {

    @TestFactory
    Stream<DynamicTest> withoutAnyOneActionTheScenarioFailsNamingIt() {
        return IamPolicy.deployment().actions().stream().map(action -> DynamicTest.dynamicTest("without " + action, () -> {
            List<String> reports = InfraPolicyTest.runScenario(IamPolicy.deployment().without(action));
            assertTrue(reports.stream().anyMatch(r -> r.contains("not authorized to perform: " + action)),
                    () -> "no report names " + action + ": " + reports);
        }));
    }
}
