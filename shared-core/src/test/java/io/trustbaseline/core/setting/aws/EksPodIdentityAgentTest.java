package io.trustbaseline.core.setting.aws;

import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.port.aws.Addon;
import io.trustbaseline.core.reconcile.TestContexts;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.PlanAction;
import io.trustbaseline.core.setting.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustbaseline.core.fake.Fixtures.EKS;
import static io.trustbaseline.core.fake.Fixtures.EKS_READY;
import static io.trustbaseline.core.fake.Fixtures.readyCloud;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EksPodIdentityAgentTest {
    private final FakeCloud cloud = readyCloud();

    private Plan plan() {
        return new EksPodIdentityAgent().plan(new EksPodIdentityAgent.Item(null), Action.ENSURE,
                TestContexts.of(EKS, EKS_READY, cloud.ports()));
    }

    private void agent(String status, String... issues) {
        cloud.addon(EKS, new Addon(EksPodIdentityAgent.ADDON_NAME, status, "v1.3.4-eksbuild.1", List.of(issues)));
    }

    @Test
    void aMissingAgentIsCreated() {
        Plan step = plan();

        assertEquals(PlanAction.CREATE, step.action());
        assertTrue(cloud.writes().isEmpty());
        step.change().apply();
        assertEquals(List.of("eks.createAddon prod-eks eks-pod-identity-agent"), cloud.writes());
    }

    @Test
    void anActiveAgentIsANoop() {
        agent("ACTIVE");

        assertEquals(PlanAction.NOOP, plan().action());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void anAgentBeingCreatedIsDeferred() {
        agent("CREATING");

        Plan step = plan();

        assertEquals(PlanAction.DEFERRED, step.action());
        assertTrue(step.message().contains("CREATING"), step.message());
    }

    @Test
    void aDegradedAgentIsBlockedWithItsIssues() {
        agent("DEGRADED", "InsufficientNumberOfReplicas: the add-on is unhealthy");

        Plan step = plan();

        assertEquals(PlanAction.BLOCKED, step.action());
        assertTrue(step.message().contains("DEGRADED: InsufficientNumberOfReplicas: the add-on is unhealthy"), step.message());
        assertTrue(cloud.writes().isEmpty());
    }
}
