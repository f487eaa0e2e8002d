package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.setting.Catalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.trustbaseline.azure.AzureTestCloud.ACR;
import static io.trustbaseline.azure.AzureTestCloud.ACR_BASIC;
import static io.trustbaseline.azure.AzureTestCloud.AKS;
import static io.trustbaseline.azure.AzureTestCloud.AKS_NEW;
import static io.trustbaseline.azure.AzureTestCloud.STORAGE;
import static io.trustbaseline.azure.AzureTestCloud.WORKSPACE;
import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.json;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepTest {
    private final AzureTestCloud cloud = AzureTestCloud.start();

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static Map<String, String> statusByTarget(JsonNode report) {
        Map<String, String> out = new HashMap<>();
        report.path("targets").forEach(t -> out.put(t.path("target").asText(), t.path("status").asText()));
        return out;
    }

    @Test
    void aSweepBringsEveryResourceOfTheWorldToTheBaselineAndReportsThemTogether() {
        String timerInfo = sample("azure/timer-sweep.json");

        JsonNode report = json(new Sweep(cloud.runtime()).run(timerInfo, context("Sweep")));

        assertEquals("sweep", report.path("trigger").asText());
        assertEquals(Map.of(AKS, "applied", AKS_NEW, "deferred", ACR, "applied", ACR_BASIC, "failed",
                STORAGE, "applied", WORKSPACE, "applied"), statusByTarget(report), report::toString);
        assertEquals("partial", report.path("status").asText());
        for (String listed : List.of("arm:ManagedClusters_List", "arm:Registries_List", "arm:StorageAccounts_List",
                "arm:Workspaces_ListBySubscription")) {
            assertEquals(1, cloud.calls().byApi().get(listed), listed);
        }
    }

    @Test
    void aSecondSweepWritesNothing() {
        new Sweep(cloud.runtime()).run("{}", context("Sweep"));
        cloud.calls().clear();

        JsonNode again = json(new Sweep(cloud.runtime()).run("{}", context("Sweep")));

        assertEquals(0, cloud.calls().writes(), cloud.calls().byApi()::toString);
        assertEquals(0, again.path("calls").path("writes").asLong());
    }

    @Test
    void aSweepsReportCountsItsListingAsWellAsEveryOtherRead() {
        new Sweep(cloud.runtime()).run("{}", context("Sweep"));
        cloud.calls().clear();

        JsonNode again = json(new Sweep(cloud.runtime()).run("{}", context("Sweep")));

        // Nothing is written, so there is no long-running operation to poll: each HTTP read is one counted read.
        assertEquals(cloud.calls().reads(), again.path("calls").path("reads").asLong(), cloud.calls().byApi()::toString);
    }

    @Test
    void aSubscriptionThatCannotBeListedIsReportedFailedAndTheOthersAreStillSwept() {
        AzureRuntime runtime = AzureRuntime.builder(ArmConnection.local(cloud.cloud().endpoint()),
                        new BaselineLoader(Catalog.standard()).parse(sample("baseline.yaml")))
                .sweepSubscriptions(List.of("99999999-9999-9999-9999-999999999999", AzureTestCloud.SUB))
                .build();

        JsonNode report = json(new Sweep(runtime).run("{}", context("Sweep")));

        JsonNode missing = report.path("targets").get(0);
        assertEquals("/subscriptions/99999999-9999-9999-9999-999999999999", missing.path("target").asText());
        assertEquals("failed", missing.path("status").asText());
        assertEquals("SubscriptionNotFound", missing.path("error").path("code").asText());
        assertTrue(statusByTarget(report).containsKey(AKS));
    }
}
