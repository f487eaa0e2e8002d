package io.trustbaseline.azure.event;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trustbaseline.core.target.AzureResourceId;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the Event Grid / CloudEvents ResourceWriteSuccess reader (seed corpus in every build; {@code .ci/fuzz}
 * fuzzes). Oracle: any payload gives one outcome per event and never throws; an event acted on names a resource
 * whose id passes the strict id rules; a refused one names at least one field and rule.
 */
class EventFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void eventGridEvent(byte[] input) {
        for (ResourceWriteEvents.Outcome outcome : ResourceWriteEvents.parse(new String(input, StandardCharsets.UTF_8))) {
            if (outcome instanceof ResourceWriteEvents.Act act) {
                StringBuilder why = new StringBuilder();
                assertEquals(act.resource(), AzureResourceId.tryParse(act.resource().id(), why).orElse(null),
                        "the accepted resource id breaks the strict rules: " + why);
            } else if (outcome instanceof ResourceWriteEvents.Invalid invalid) {
                assertTrue(!invalid.errors().isEmpty());
            }
        }
    }
}
