package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.sweep.WorkerConcurrency;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue workers' concurrency on Azure, (batchSize + newBatchThreshold) per instance times the app's scale limit,
 * is the one derived from ARM's rate limit, in host.json and infra/azure/main.bicep alike.
 */
class WorkerConcurrencyTemplateTest {

    @Test
    void hostJsonAndTheScaleLimitGiveTheDerivedWorkerCount() throws Exception {
        JsonNode queues = Json.MAPPER.readTree(Files.readString(Path.of("host.json"))).path("extensions").path("queues");
        Matcher scaleLimit = Pattern.compile("functionAppScaleLimit:\\s*(\\d+)")
                .matcher(Files.readString(Path.of("..", "infra", "azure", "main.bicep")));
        assertTrue(scaleLimit.find(), "main.bicep sets the app's functionAppScaleLimit");

        WorkerConcurrency azure = WorkerConcurrency.AZURE;
        assertEquals(azure.azureBatchSize(), queues.path("batchSize").asInt());
        assertEquals(azure.azureNewBatchThreshold(), queues.path("newBatchThreshold").asInt());
        assertEquals(azure.azureScaleLimit(), Integer.parseInt(scaleLimit.group(1)));
        assertEquals(azure.workers(), (queues.path("batchSize").asInt() + queues.path("newBatchThreshold").asInt())
                * Integer.parseInt(scaleLimit.group(1)));
    }
}
