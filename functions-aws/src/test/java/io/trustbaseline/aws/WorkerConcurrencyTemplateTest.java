package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trustbaseline.aws.local.QueueWorkers;
import io.trustbaseline.core.sweep.WorkerConcurrency;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The queue function's concurrency in infra/aws/template.yaml is the one derived from AWS's rate limit. */
class WorkerConcurrencyTemplateTest {

    @Test
    void theSqsEventSourcesMaximumConcurrencyIsTheDerivedWorkerCount() throws Exception {
        JsonNode template = new YAMLMapper().readTree(InfraPolicyTest.TEMPLATE.toFile());
        JsonNode requests = template.at("/Resources/QueueFunction/Properties/Events/Requests/Properties");

        assertEquals(WorkerConcurrency.AWS.sqsMaximumConcurrency(), requests.at("/ScalingConfig/MaximumConcurrency").asInt(-1));
        assertEquals(QueueWorkers.BATCH_SIZE, requests.path("BatchSize").asInt(), "the local workers take the batches Lambda takes");
    }

}
