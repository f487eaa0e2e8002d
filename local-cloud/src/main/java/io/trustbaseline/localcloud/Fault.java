package io.trustbaseline.localcloud;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A fault from the world file: the next {@code times} calls of {@code api} fail with {@code error}.
 * {@code error} is a service error code ({@code ThrottlingException}, {@code TooManyRequests},
 * {@code ServerException}, ...) or {@code Timeout}; {@code status} overrides the HTTP status the service would use;
 * {@code retryAfterSeconds} is sent as Retry-After where the service sends one. With {@code afterApply} the call is
 * carried out first and only its answer fails: the state has changed, as when a service's answer is lost on the way
 * back, so a client that retries meets its own earlier success ({@code EntityAlreadyExists}, 409 Conflict).
 */
public final class Fault {
    private final String api;
    private final String error;
    private final Integer status;
    private final Integer retryAfterSeconds;
    private final boolean afterApply;
    private int remaining;

    public Fault(String api, String error, Integer status, Integer retryAfterSeconds, int times) {
        this(api, error, status, retryAfterSeconds, times, false);
    }

    public Fault(String api, String error, Integer status, Integer retryAfterSeconds, int times, boolean afterApply) {
        this.api = api;
        this.error = error;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.remaining = times;
        this.afterApply = afterApply;
    }

    static Fault fromJson(JsonNode node) {
        return new Fault(node.path("api").asText(), node.path("error").asText(),
                node.hasNonNull("status") ? node.get("status").asInt() : null,
                node.hasNonNull("retryAfterSeconds") ? node.get("retryAfterSeconds").asInt() : null,
                node.path("times").asInt(1), node.path("afterApply").asBoolean(false));
    }

    public String api() { return api; }
    public String error() { return error; }
    public Integer status() { return status; }
    public Integer retryAfterSeconds() { return retryAfterSeconds; }
    public boolean isTimeout() { return "Timeout".equals(error); }
    public boolean afterApply() { return afterApply; }

    synchronized boolean consume(String calledApi) {
        if (remaining <= 0 || !(api.equals(calledApi) || api.equals("*"))) {
            return false;
        }
        remaining--;
        return true;
    }

    synchronized int remaining() { return remaining; }
}
