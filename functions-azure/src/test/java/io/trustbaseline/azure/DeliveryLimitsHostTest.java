package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** host.json's functionTimeout holds one message of the ticket queue at its worst, as the runtime bounds it. */
class DeliveryLimitsHostTest {
    /**
     * The writes after a message's calls, each within {@link StorageWorkQueue#WRITE_TIMEOUT}: its end
     * ({@link DeliveryLimits#END_WRITES}: the poison queue, then the report, which the host writes from the output
     * binding and is counted at the same length), and a sweep's report recorded in the results store.
     */
    private static final int WRITES_AFTER_CALLS = DeliveryLimits.END_WRITES + 1;
    /** The host's own work in the invocation besides these: handing the message over, the worker's logs. */
    private static final Duration MARGIN = Duration.ofSeconds(30);

    @Test
    void theFunctionTimeoutCoversOneMessageAtItsWorst() throws IOException {
        JsonNode host = Json.MAPPER.readTree(Files.readString(Path.of("host.json")));
        Duration functionTimeout = FunctionBindingsTest.timeSpan(host.path("functionTimeout").asText());
        // The message's calls end within the budget, but the SDK's wait before the poll the budget refuses comes
        // on top of it.
        Duration worst = DeliveryLimits.AZURE_MESSAGE_BUDGET.plus(ArmConnection.POLL_WAIT)
                .plus(StorageWorkQueue.WRITE_TIMEOUT.multipliedBy(WRITES_AFTER_CALLS)).plus(MARGIN);

        assertTrue(worst.compareTo(functionTimeout) <= 0, worst + " against " + functionTimeout);
    }

    @Test
    void theRuntimesRetrierGivesEachMessageTheBudgetAndStartsNoCallThatCouldEndPastIt() {
        AtomicLong nanos = new AtomicLong();
        ArmConnection arm = ArmConnection.local(URI.create("http://localhost:1"));
        Retrier message = AzureRuntime.messageRetrier(new Retrier(RetryPolicy.standard()), arm,
                DeliveryLimits.AZURE_MESSAGE_BUDGET, nanos::get).forWorkItem();

        nanos.set(DeliveryLimits.AZURE_MESSAGE_BUDGET.minus(arm.responseTimeout()).toNanos());
        assertEquals("called", message.call(() -> "called", () -> { }), "a call at the response timeout still ends in time");
        nanos.incrementAndGet();
        CloudException spent = assertThrows(CloudException.class, () -> message.call(() -> "called", () -> { }));

        assertEquals(Retrier.WORK_BUDGET_SPENT, spent.code());
        assertTrue(spent.isTransient(), "the work comes back for what is left");
    }
}
