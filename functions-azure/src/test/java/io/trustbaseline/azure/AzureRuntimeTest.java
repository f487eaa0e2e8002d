package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import io.trustbaseline.localcloud.arm.ArmService;
import io.trustbaseline.core.request.Trigger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trustbaseline.azure.AzureTestCloud.SAMPLES;
import static io.trustbaseline.azure.AzureTestCloud.json;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime the platform's no-arg constructors build, from app settings. */
class AzureRuntimeTest {

    @Test
    void appSettingsPointTheManagersAtTheLocalEndpointAndForceDryRuns() {
        try (LocalCloud cloud = LocalCloud.start(World.load(SAMPLES.resolve("world.json")), List.of(ArmService.create()))) {
            AzureRuntime runtime = AzureRuntime.fromEnvironment(Map.of(
                    AzureRuntime.ARM_ENDPOINT, cloud.endpoint().toString(),
                    "TRUST_BASELINE_YAML", sample("baseline.yaml"),
                    AzureRuntime.DRY_RUN, "true",
                    AzureRuntime.SWEEP_SUBSCRIPTIONS, " " + AzureTestCloud.SUB + " ,"));

            JsonNode report = json(runtime.handle(sample("tickets/aks-binding.json"), Trigger.TICKET).toJson());

            assertTrue(runtime.forcesDryRun());
            assertEquals(List.of(AzureTestCloud.SUB), runtime.sweepSubscriptions());
            assertEquals("planned", report.path("status").asText(), report::toString);
            assertTrue(cloud.calls().reads() > 0, "the managers called the local endpoint");
            assertEquals(0, cloud.calls().writes());
        }
    }

    @Test
    void theSweepResultsContainerSettingGivesTheSweepsAResultsStoreAndItsAbsenceNone() {
        Map<String, String> env = Map.of("TRUST_BASELINE_YAML", sample("baseline.yaml"),
                AzureRuntime.ARM_ENDPOINT, "http://127.0.0.1:9");

        assertTrue(AzureRuntime.fromEnvironment(env).sweepResults().isEmpty());
        java.util.Map<String, String> withResults = new java.util.HashMap<>(env);
        withResults.put(AzureRuntime.SWEEP_RESULTS_CONTAINER_URL, "https://tbresults.blob.core.windows.net/sweep-results");
        assertTrue(AzureRuntime.fromEnvironment(withResults).sweepResults().isPresent());
    }
}
