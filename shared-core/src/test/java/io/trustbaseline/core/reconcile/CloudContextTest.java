package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.port.azure.Workspace;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.target.TargetState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.trustbaseline.core.fake.Fixtures.ACR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The target's own read, held once per work item and shared by every setting's plan. */
class CloudContextTest {
    private static final RegistryNetwork LISTED = new RegistryNetwork("Premium", "Enabled", "None");
    private final AtomicInteger sent = new AtomicInteger();

    private RegistryNetwork get(RegistryNetwork answer) {
        sent.incrementAndGet();
        return answer;
    }

    private static CloudContext context(List<Object> views) {
        return TestContexts.of(ACR, new TargetState("Succeeded", true, "westeurope", Map.of(), views), Ports.none());
    }

    @Test
    void aViewTheTargetsOwnReadCarriedIsAnsweredWithNoCallAndCountsNone() {
        CloudContext cloud = context(List.of(LISTED));

        assertSame(LISTED, cloud.readTarget(RegistryNetwork.class, () -> get(null)));
        assertSame(LISTED, cloud.readTarget(RegistryNetwork.class, () -> get(null)));

        assertEquals(0, sent.get());
        assertEquals(Calls.NONE, cloud.calls());
    }

    @Test
    void aViewNobodyHasIsReadOnceAndHeldForTheItemsAfter() {
        CloudContext cloud = context(List.of(LISTED));
        Workspace workspace = new Workspace(true, "/subscriptions/s/x", "SystemAssigned", "p");

        cloud.readTarget(Workspace.class, () -> {
            sent.incrementAndGet();
            return workspace;
        });
        assertSame(workspace, cloud.readTarget(Workspace.class, () -> {
            sent.incrementAndGet();
            return null;
        }));

        assertEquals(1, sent.get());
        assertEquals(new Calls(1, 0), cloud.calls());
    }

    @Test
    void theAnswerOfAWriteToTheTargetIsHeldSoTheVerificationReadsNothing() {
        CloudContext cloud = context(List.of(LISTED));
        RegistryNetwork updated = new RegistryNetwork("Premium", "Enabled", "AzureServices");

        cloud.writeTarget(RegistryNetwork.class, () -> updated);

        assertSame(updated, cloud.readTarget(RegistryNetwork.class, () -> get(null)));
        assertEquals(0, sent.get());
        assertEquals(new Calls(0, 1), cloud.calls());
    }

    @Test
    void aWriteWhoseAnswerIsNoViewOfTheTargetDropsTheHeldViewsAndTheNextPlanReadsAfresh() {
        CloudContext cloud = context(List.of(LISTED));
        RegistryNetwork fresh = new RegistryNetwork("Premium", "Enabled", "AzureServices");

        cloud.write(() -> { });

        assertSame(fresh, cloud.readTarget(RegistryNetwork.class, () -> get(fresh)));
        assertEquals(1, sent.get());
    }
}
