package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueOutput;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.trustbaseline.core.json.Json;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void ticketQueueReadsRequestsWritesResultsAndSeesTheDequeueCount() {
        Method run = function(TicketQueue.class);
        assertEquals("trust-requests", on(run, QueueTrigger.class).queueName());
        assertEquals("trust-results", on(run, QueueOutput.class).queueName());
        Parameter dequeue = Arrays.stream(run.getParameters()).filter(p -> p.isAnnotationPresent(BindingName.class)).findFirst().orElseThrow();
        assertEquals("DequeueCount", dequeue.getAnnotation(BindingName.class).value());
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
    void hostJsonHasAnExtensionBundleAndTheQueueSettingsTheTicketFunctionAssumes() throws Exception {
        JsonNode host = Json.MAPPER.readTree(Files.readString(Path.of("host.json")));
        assertEquals("Microsoft.Azure.Functions.ExtensionBundle", host.path("extensionBundle").path("id").asText());
        JsonNode queues = host.path("extensions").path("queues");
        assertEquals(AzureRuntime.DEFAULT_MAX_DEQUEUE_COUNT, queues.path("maxDequeueCount").asInt());
        assertEquals("none", queues.path("messageEncoding").asText(), "tickets and reports are plain JSON, not base64");
        assertTrue(queues.has("visibilityTimeout"));
    }
}
