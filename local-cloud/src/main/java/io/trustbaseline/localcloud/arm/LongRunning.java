package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.LocalResponse;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * ARM's asynchronous operations, as the Resource Provider Contract describes them (async-api-reference: 201/202 with
 * {@code Azure-AsyncOperation} and/or {@code Location}, and {@code Retry-After}): an operation runs for the world's
 * {@code longRunningOperations.durationMs}, then ends as {@code longRunningOperations.end} says ({@code Succeeded},
 * {@code Failed} or {@code Canceled}). Its status URL answers {@code InProgress} with {@code Retry-After} until then;
 * its result URL answers 202 with {@code Location} and {@code Retry-After}, then 200/204, or the error. What the
 * operation changes in the world happens when it ends ({@link #settle}), so a GET meanwhile sees the resource Updating.
 */
final class LongRunning {
    private record Operation(Instant ends, String end, Consumer<String> finish) { }

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, String> ended = new ConcurrentHashMap<>();

    /** The world's settings: how long an operation takes, the Retry-After it sends, how it ends. */
    record Settings(long durationMs, int retryAfterSeconds, String end) {
        static Settings of(ObjectNode root) {
            JsonNode lro = root.path("longRunningOperations");
            return new Settings(lro.path("durationMs").asLong(0), lro.path("retryAfterSeconds").asInt(1),
                    lro.path("end").asText("Succeeded"));
        }
    }

    /**
     * Starts an operation; {@code finish} gets its final state when it ends. Returns the operation's id.
     */
    String start(ArmCall call, Consumer<String> finish) {
        Settings settings = Settings.of(call.root());
        String id = UUID.randomUUID().toString();
        operations.put(id, new Operation(call.now().plusMillis(settings.durationMs()), settings.end(), finish));
        return id;
    }

    /** Ends every operation whose time has come (called before each ARM call is answered). */
    void settle(Instant now) {
        operations.forEach((id, op) -> {
            if (!now.isBefore(op.ends()) && operations.remove(id, op)) {
                ended.put(id, op.end());
                op.finish().accept(op.end());
            }
        });
    }

    /** {@code InProgress}, or how the operation ended; null for an unknown id. */
    private String status(String id, ArmCall call) {
        settle(call.now());
        return operations.containsKey(id) ? "InProgress" : ended.get(id);
    }

    /** The Azure-AsyncOperation status document: {@code {id, name, status, startTime, endTime, error}}. */
    LocalResponse asyncStatus(ArmCall call, String id) {
        String status = status(id, call);
        if (status == null) {
            throw new ArmError(404, "OperationNotFound", "The operation '" + id + "' was not found.");
        }
        ObjectNode body = ArmJson.object().put("id", call.request().path()).put("name", id).put("status", status);
        if (status.equals("Failed")) {
            body.set("error", ArmError.body("InternalOperationError", "The operation failed.").get("error"));
        }
        LocalResponse response = ArmJson.response(200, body);
        return status.equals("InProgress") ? withRetryAfter(response, call) : response;
    }

    /** The Location result: 202 while running, then 204 (nothing to return) or the operation's error. */
    LocalResponse result(ArmCall call, String id) {
        String status = status(id, call);
        if (status == null) {
            throw new ArmError(404, "OperationNotFound", "The operation '" + id + "' was not found.");
        }
        return switch (status) {
            case "InProgress" -> withRetryAfter(LocalResponse.empty(202), call)
                    .withHeader("Location", call.baseUrl() + call.request().path() + "?api-version=" + call.apiVersion());
            case "Succeeded" -> LocalResponse.empty(204);
            default -> ArmJson.response(500, ArmError.body(status.equals("Canceled") ? "OperationCanceled" : "InternalOperationError",
                    "The operation ended " + status + "."));
        };
    }

    static LocalResponse withRetryAfter(LocalResponse response, ArmCall call) {
        return response.withHeader("Retry-After", String.valueOf(Settings.of(call.root()).retryAfterSeconds()));
    }
}
