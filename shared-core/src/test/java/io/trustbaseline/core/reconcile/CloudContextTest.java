package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.port.CloudException;
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
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The target's own read, held once per work item and shared by every setting's plan; the views of other resources
 * held from their read or from the answer of a write to them.
 */
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

    private static final HeldView<String> ROLE = new HeldView<>("role", "111122223333/app");
    private static final HeldView<List<String>> POLICIES = new HeldView<>("policies", "111122223333/app");

    private <T> T sent(T answer) {
        sent.incrementAndGet();
        return answer;
    }

    @Test
    void theAnswerOfAWriteToAResourceIsHeldSoTheVerificationReadsNothing() {
        CloudContext cloud = context(List.of());

        cloud.write(ROLE, () -> "created");

        assertEquals("created", cloud.read(ROLE, () -> sent("read")));
        assertEquals(0, sent.get());
        assertEquals(new Calls(0, 1), cloud.calls());
    }

    @Test
    void aWriteThatAnswersNothingDropsOnlyTheViewItChanges() {
        CloudContext cloud = context(List.of(LISTED));
        cloud.read(ROLE, () -> sent("role"));
        cloud.read(POLICIES, () -> sent(List.of()));

        cloud.write(POLICIES, () -> { });

        assertEquals(List.of("p"), cloud.read(POLICIES, () -> sent(List.of("p"))), "read afresh");
        assertEquals("role", cloud.read(ROLE, () -> sent("other")), "still held");
        assertSame(LISTED, cloud.readTarget(RegistryNetwork.class, () -> get(null)), "still held");
        assertEquals(3, sent.get());
    }

    @Test
    void aWriteThatFailsDropsEveryHeldViewSoTheNextPlanReadsWhatTheCloudNowHolds() {
        CloudContext cloud = context(List.of(LISTED));
        cloud.read(ROLE, () -> sent("role"));

        assertThrows(CloudException.class, () -> cloud.write(POLICIES, () -> {
            throw CloudException.of(CloudException.Kind.CONFLICT, "ConcurrentWriter", "changed by someone else", null);
        }));

        assertEquals("changed", cloud.read(ROLE, () -> sent("changed")));
        assertSame(LISTED, cloud.readTarget(RegistryNetwork.class, () -> get(LISTED)));
        assertEquals(3, sent.get(), "the role twice, the target once");
    }

    @Test
    void aWriteThatNamesNoViewDropsTheHeldViewsOfOtherResourcesToo() {
        CloudContext cloud = context(List.of());
        cloud.write(ROLE, () -> "created");

        cloud.write(() -> { });

        assertEquals("read", cloud.read(ROLE, () -> sent("read")));
        assertEquals(1, sent.get());
    }
}
