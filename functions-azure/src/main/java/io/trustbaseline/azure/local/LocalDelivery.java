package io.trustbaseline.azure.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trustbaseline.azure.AzureRuntime;
import io.trustbaseline.azure.ResourceWritten;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Redaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * An Event Grid payload driven to its end outside the Functions host: the Event Grid function enqueues on a
 * {@link LocalQueue}, then the queue is drained by one worker calling the ticket queue's function, as the host would. The answer has the
 * shape of the Event Grid function's, with the worker's report in place of each "enqueued" acknowledgment.
 */
public final class LocalDelivery {
    private final AzureRuntime runtime;
    private final LocalQueue queue;

    /** {@code runtime} must have been built with {@code queue} as its work queue. */
    public LocalDelivery(AzureRuntime runtime, LocalQueue queue) {
        this.runtime = runtime;
        this.queue = queue;
    }

    public String event(String payload) {
        JsonNode answer = tree(new ResourceWritten(runtime).run(payload, new LocalInvocation("ResourceWritten")));
        Map<String, Deque<JsonNode>> reports = new HashMap<>();
        // keyed and kept redacted, as the function's answer names them
        queue.drain(runtime, 1, outcome -> reports.computeIfAbsent(
                outcome.report().requestId() == null ? "unknown" : Redaction.scrub(outcome.report().requestId()),
                id -> new ArrayDeque<>()).add(tree(outcome.report().toJson())));
        queue.takeResults(); // the answer carries them
        if (!answer.isArray()) {
            return replace(answer, reports).toString();
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        answer.forEach(a -> out.add(replace(a, reports)));
        return out.toString();
    }

    private static JsonNode replace(JsonNode answer, Map<String, Deque<JsonNode>> reports) {
        if (!ResourceWritten.isEnqueued(answer)) {
            return answer;
        }
        Deque<JsonNode> done = reports.get(answer.path("requestId").asText());
        return done == null || done.isEmpty() ? answer : done.poll();
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
