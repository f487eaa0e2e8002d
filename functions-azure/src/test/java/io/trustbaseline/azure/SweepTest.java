package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.sweep.SweepSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.trustbaseline.azure.AzureTestCloud.ACR_BASIC;
import static io.trustbaseline.azure.AzureTestCloud.AKS_NEW;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timer: every resource of the subscriptions listed and enqueued; the queue function's workers reconcile them. */
class SweepTest {
    private final AzureTestCloud cloud = AzureTestCloud.start();

    @AfterEach
    void stop() {
        cloud.close();
    }

    private SweepSummary sweep(AzureRuntime runtime, LocalQueue queue) {
        new Sweep(runtime).run("{}", context("Sweep"));
        queue.drain(runtime, 3);
        var results = runtime.sweepResults().orElseThrow();
        return results.summarize(results.latest().orElseThrow());
    }

    private SweepSummary sweep() {
        return sweep(cloud.runtime(), cloud.queue());
    }

    private static Map<String, String> attention(SweepSummary summary) {
        Map<String, String> out = new TreeMap<>();
        summary.attention().forEach(a -> out.put(a.target(), a.status().id()));
        summary.unlisted().forEach(u -> out.put(u.target(), u.status().id()));
        return out;
    }

    @Test
    void aSweepListsEachTypeOnceAndEnqueuesOneMessagePerResource() {
        JsonNode launch = json(new Sweep(cloud.runtime()).run(sample("azure/timer-sweep.json"), context("Sweep")));

        assertEquals("sweep", launch.path("trigger").asText());
        assertEquals(8, launch.path("enqueued").asLong(), launch::toString);
        for (String listed : List.of("arm:ManagedClusters_List", "arm:Registries_List", "arm:StorageAccounts_List",
                "arm:Workspaces_ListBySubscription", "arm:Vaults_ListBySubscription")) {
            assertEquals(1, cloud.calls().byApi().get(listed), listed);
        }
        assertEquals(5, cloud.calls().calls().size(), "the sweep itself only lists: " + cloud.calls().byApi());
    }

    @Test
    void theWorkersBringEveryResourceToTheBaselineAndTheSummaryNamesWhatNeedsAttention() {
        SweepSummary summary = sweep();

        assertEquals(8, summary.reported());
        assertEquals(Map.of("applied", 5L, "compliant", 1L, "deferred", 1L, "failed", 1L), summary.byStatus(), summary::toJson);
        assertEquals(Map.of(AKS_NEW, "deferred", ACR_BASIC, "failed"), attention(summary));
        assertEquals("partial", summary.status().id());
    }

    @Test
    void aSecondSweepWritesNothing() {
        sweep();
        cloud.calls().clear();

        SweepSummary again = sweep();

        assertEquals(0, cloud.calls().writes(), cloud.calls().byApi()::toString);
        assertEquals(0, again.calls().writes());
    }

    @Test
    void aSweepsSummaryCountsItsListingAsWellAsEveryWorkersRead() {
        sweep();
        cloud.calls().clear();

        SweepSummary again = sweep();

        // Nothing is written, so there is no long-running operation to poll: each HTTP read is one counted read.
        assertEquals(cloud.calls().reads(), again.calls().reads(), cloud.calls().byApi()::toString);
    }

    @Test
    void aListedTargetThatNeedsNoChangeIsPlannedFromItsListingWithNoReadAndOneThatNeedsAChangeIsReadAfreshFirst() {
        sweep();

        // Two registries, planned from the listing: the Basic one is reported (never upgraded) with no GET; the one to
        // update is read afresh before its PATCH, and read once more by the SDK as the PATCH ended (which verifies it).
        assertEquals(2, cloud.calls().byApi().get("arm:Registries_Get"), cloud.calls().byApi()::toString);
        assertEquals(1, cloud.calls().byApi().get("arm:Registries_Update"));
        // One storage account: read afresh before its PATCH, which answers 200 with the account and so verifies it.
        assertEquals(1, cloud.calls().byApi().get("arm:StorageAccounts_GetProperties"), cloud.calls().byApi()::toString);
        assertEquals(1, cloud.calls().byApi().get("arm:StorageAccounts_Update"));

        cloud.calls().clear();
        sweep();
        assertNull(cloud.calls().byApi().get("arm:Registries_Get"), "a compliant registry costs no read of its own");
        assertNull(cloud.calls().byApi().get("arm:StorageAccounts_GetProperties"), "nor does a storage account");
        assertNull(cloud.calls().byApi().get("arm:Workspaces_Get"), "nor a workspace: its roles are what is read");
        assertEquals(0, cloud.calls().writes());
    }

    @Test
    void aFirstSweepsSummaryCountsEveryHttpCallTheCloudServedPollsAndPagesIncluded() {
        SweepSummary first = sweep();

        assertTrue(cloud.calls().byApi().containsKey("arm:RegistryOperationStatus_Get"), "the registry's PATCH was polled");
        assertTrue(cloud.calls().byApi().containsKey("arm:ContainerServiceOperationStatus_Get"), "the binding's PUT was polled");
        assertEquals(cloud.calls().reads(), first.calls().reads(), cloud.calls().byApi()::toString);
        assertEquals(cloud.calls().writes(), first.calls().writes(), cloud.calls().byApi()::toString);
    }

    @Test
    void aSubscriptionThatCannotBeListedIsReportedFailedAndTheOthersAreStillSwept() {
        LocalQueue queue = new LocalQueue();
        AzureRuntime runtime = AzureRuntime.builder(ArmConnection.local(cloud.cloud().endpoint()),
                        new BaselineLoader(Catalog.standard()).parse(sample("baseline.yaml")))
                .sweepSubscriptions(List.of("99999999-9999-9999-9999-999999999999", AzureTestCloud.SUB))
                .queues(queue, queue)
                .sweepResults(new io.trustbaseline.core.sweep.InProcessResultsStore())
                .build();

        SweepSummary summary = sweep(runtime, queue);

        assertEquals(5, summary.unlisted().size(), "each of the five listings of the missing subscription");
        assertEquals("/subscriptions/99999999-9999-9999-9999-999999999999/providers/Microsoft.ContainerService/managedClusters",
                summary.unlisted().get(0).target());
        assertEquals("SubscriptionNotFound", summary.unlisted().get(0).error().code());
        assertEquals(8, summary.reported(), "the other subscription is still swept");
        assertTrue(summary.status().id().equals("partial"));
    }
}
