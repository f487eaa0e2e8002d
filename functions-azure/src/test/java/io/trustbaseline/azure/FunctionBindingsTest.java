package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueOutput;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.json.Json;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bindings the Maven plugin turns into function.json, and the host.json the functions rely on. */
class FunctionBindingsTest {

    private static Method function(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(FunctionName.class)).findFirst().orElseThrow();
    }

    private static <A extends java.lang.annotation.Annotation> A on(Method method, Class<A> annotation) {
        return Arrays.stream(method.getParameters()).map(p -> p.getAnnotation(annotation))
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow(() -> new AssertionError("no @" + annotation.getSimpleName()));
    }

    @Test
    void everyEntryPointHasTheNoArgAndTheRuntimeConstructor() throws Exception {
        for (Class<?> type : new Class<?>[] {ResourceWritten.class, TicketQueue.class, Reconcile.class, Sweep.class}) {
            assertNotNull(type.getConstructor());
            assertNotNull(type.getConstructor(AzureRuntime.class));
            assertEquals(type.getSimpleName(), function(type).getAnnotation(FunctionName.class).value());
        }
    }

    @Test
    void resourceWrittenTakesTheEventGridEventAsAString() {
        Method run = function(ResourceWritten.class);
        assertEquals("event", on(run, EventGridTrigger.class).name());
        assertEquals(String.class, run.getParameterTypes()[0]);
    }

    @Test
    void ticketQueueReadsRequestsAndWritesResultsOnTheHostsStorageAccount() {
        Method run = function(TicketQueue.class);
        assertEquals("trust-requests", on(run, QueueTrigger.class).queueName());
        assertEquals("trust-results", on(run, QueueOutput.class).queueName());
        assertEquals(AzureRuntime.STORAGE, on(run, QueueTrigger.class).connection());
        assertEquals(AzureRuntime.STORAGE, on(run, QueueOutput.class).connection());
    }

    @Test
    void ticketQueueBindsTheMessagesInsertionTimeAsAString() {
        Method run = function(TicketQueue.class);
        java.lang.reflect.Parameter insertion = Arrays.stream(run.getParameters())
                .filter(p -> p.isAnnotationPresent(BindingName.class)).findFirst().orElseThrow();
        assertEquals("InsertionTime", insertion.getAnnotation(BindingName.class).value());
        assertEquals(String.class, insertion.getType());
    }

    @Test
    void reconcileIsAPostToApiReconcileBehindAFunctionKey() {
        HttpTrigger http = on(function(Reconcile.class), HttpTrigger.class);
        assertArrayEquals(new HttpMethod[] {HttpMethod.POST}, http.methods());
        assertEquals(AuthorizationLevel.FUNCTION, http.authLevel());
        assertEquals("reconcile", http.route());
    }

    @Test
    void sweepTakesItsScheduleFromAnAppSetting() {
        assertEquals("%SWEEP_SCHEDULE%", on(function(Sweep.class), TimerTrigger.class).schedule());
    }

    @Test
    void hostJsonHasAnExtensionBundleAndTheQueueLimitsOfDeliveryLimits() throws Exception {
        JsonNode host = Json.MAPPER.readTree(Files.readString(Path.of("host.json")));
        assertEquals("Microsoft.Azure.Functions.ExtensionBundle", host.path("extensionBundle").path("id").asText());
        JsonNode queues = host.path("extensions").path("queues");
        assertEquals(DeliveryLimits.UNANSWERED_DELIVERIES, queues.path("maxDequeueCount").asInt());
        assertEquals(DeliveryLimits.AZURE_RETRY_VISIBILITY, timeSpan(queues.path("visibilityTimeout").asText()));
        assertEquals(io.trustbaseline.core.sweep.WorkerConcurrency.AZURE.azureBatchSize(), queues.path("batchSize").asInt());
        assertEquals(DeliveryLimits.AZURE_FUNCTION_TIMEOUT, timeSpan(host.path("functionTimeout").asText()));
        assertEquals("none", queues.path("messageEncoding").asText(), "tickets and reports are plain JSON, not base64");
    }

    /** host.json's hh:mm:ss. */
    static Duration timeSpan(String text) {
        String[] parts = text.split(":");
        return Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusSeconds(Long.parseLong(parts[2]));
    }
}
