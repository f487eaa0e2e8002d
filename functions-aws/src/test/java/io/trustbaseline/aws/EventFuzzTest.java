package io.trustbaseline.aws;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.target.EksClusterArn;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the CloudTrail CreateCluster event reader (seed corpus in every build; {@code .ci/fuzz} fuzzes). Oracle:
 * any input gives a cluster, a failed call or an {@link InvalidInputException} naming fields (anything else is a
 * crash), and an accepted cluster's ARN passes the strict ARN rules (partition matched to its region).
 */
class EventFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void cloudTrailEvent(byte[] input) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(new String(input, StandardCharsets.UTF_8));
        } catch (JsonProcessingException notJson) {
            return; // the queue handler refuses it before this reader
        }
        if (event == null || !CloudTrailEvents.isEventBridgeEvent(event)) {
            return;
        }
        try {
            if (CloudTrailEvents.read(event) instanceof CloudTrailEvents.ClusterCreated created) {
                StringBuilder why = new StringBuilder();
                assertEquals(created.cluster(), EksClusterArn.tryParse(created.cluster().id(), why).orElse(null),
                        "the accepted cluster's ARN breaks the strict rules: " + why);
            }
        } catch (InvalidInputException refused) {
            assertTrue(!refused.errors().isEmpty());
        }
    }
}
