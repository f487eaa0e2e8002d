package io.trustbaseline.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.RequestIds;
import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit of work on the {@code trust-requests} queue, as the functions themselves enqueue it: an event or a sweep
 * turned into "bring this target to the baseline", or a ticket put back to wait for its target. The {@code request}
 * inside is an ordinary request document (schema version 1), so the workers validate it exactly as they validate a
 * ticket; the envelope only carries what delivery needs: what started it, when it was first seen (the readiness
 * deadline counts from there), how often it came back, the sweep it belongs to, and what the sweep's listing said
 * of the target ({@code listed}, optional: see {@link ListedState}), which only the first attempt uses.
 *
 * <pre>{"trustBaselineWork": 1, "trigger": "sweep", "firstSeenAt": "2026-12-01T04:00:00Z", "attempt": 0,
 *  "sweepId": "sweep-2026-12-01T04:00Z", "request": {"schemaVersion": 1, "requestId": "…", …}}</pre>
 */
public record WorkMessage(Trigger trigger, JsonNode request, Instant firstSeenAt, int attempt, Optional<String> sweepId,
                          Optional<TargetState> listed) {
    /** The field that tells a work message from a ticket or a platform event; its value is the envelope version. */
    public static final String MARKER = "trustBaselineWork";
    public static final int VERSION = 1;
    /** Set on a copy in a dead-letter (poison) queue: why the work stopped. Ignored when the copy is replayed. */
    public static final String DEAD_LETTER_REASON = "deadLetterReason";

    public WorkMessage {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(sweepId, "sweepId");
        Objects.requireNonNull(listed, "listed");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be 0 or more");
        }
        request = request.deepCopy();
    }

    /** Work that brings {@code target} to the baseline: what an event or a sweep enqueues. */
    public static WorkMessage forTarget(Trigger trigger, String requestId, String requestedBy, Target target,
                                        boolean dryRun, Instant firstSeenAt, Optional<String> sweepId) {
        return forTarget(trigger, requestId, requestedBy, target, dryRun, firstSeenAt, sweepId, Optional.empty());
    }

    /** As above, with what a sweep's listing said of the target (dropped when too large to carry). */
    public static WorkMessage forTarget(Trigger trigger, String requestId, String requestedBy, Target target,
                                        boolean dryRun, Instant firstSeenAt, Optional<String> sweepId,
                                        Optional<TargetState> listed) {
        ObjectNode request = Json.MAPPER.createObjectNode()
                .put("schemaVersion", 1)
                .put("requestId", requestId)
                .put("requestedBy", requestedBy)
                .put("dryRun", dryRun);
        request.set("target", targetNode(target));
        return new WorkMessage(trigger, request, firstSeenAt, 0, sweepId,
                listed.filter(state -> ListedState.toJson(state).isPresent()));
    }

    /** A ticket that has to wait for its target, wrapped so that its first sighting travels with it. */
    public static WorkMessage ofTicket(JsonNode ticket, Instant firstSeenAt) {
        return new WorkMessage(Trigger.TICKET, ticket, firstSeenAt, 0, Optional.empty(), Optional.empty());
    }

    /** The same work, one delivery later: without the listed state, which is older than the target now is. */
    public WorkMessage nextAttempt() {
        return new WorkMessage(trigger, request, firstSeenAt, attempt + 1, sweepId, Optional.empty());
    }

    /**
     * The work message in {@code text}, when it is one; empty for anything else (a ticket, a platform event, text
     * that is not JSON), which the caller reads its own way. A document that carries the marker but breaks the
     * envelope's rules is refused here, naming the field.
     */
    public static Optional<WorkMessage> tryRead(String text) {
        return tryRead(Json.parseOrNull(text));
    }

    /** As {@link #tryRead(String)}, for a body already parsed ({@code null} when it was not JSON). */
    public static Optional<WorkMessage> tryRead(JsonNode node) {
        return isWorkMessage(node) ? Optional.of(parse(node)) : Optional.empty();
    }

    public static boolean isWorkMessage(JsonNode node) {
        return node != null && node.isObject() && node.has(MARKER);
    }

    /**
     * Reads an envelope strictly; the request inside is left to the request parser. Throws
     * {@link io.trustbaseline.core.problem.InvalidInputException} naming each bad field.
     */
    public static WorkMessage parse(JsonNode node) {
        Problems problems = new Problems();
        Fields doc = Fields.of(node, "", problems);
        problems.throwIfAny("work message");
        Integer version = doc.integer(MARKER, true);
        if (version != null && version != VERSION) {
            problems.add(MARKER, "enum", "must be " + VERSION + " (was " + version + ")");
        }
        Trigger trigger = readTrigger(doc.string("trigger", true), problems);
        Instant firstSeenAt = readInstant(doc.string("firstSeenAt", true), problems);
        Integer attempt = doc.integer("attempt", false);
        if (attempt != null && attempt < 0) {
            problems.add("attempt", "minimum", "must be 0 or more (was " + attempt + ")");
        }
        Optional<String> sweepId = Optional.ofNullable(doc.string("sweepId", false, RequestIds.FORMAT,
                RequestIds.RULE));
        doc.string(DEAD_LETTER_REASON, false); // read back from a poison queue: informative, not part of the work
        JsonNode listedNode = doc.raw("listed");
        Optional<TargetState> listed = Optional.empty();
        if (listedNode != null && !listedNode.isNull()) {
            if (!listedNode.isObject()) {
                problems.add("listed", "type", "must be a listed state (an object)");
            } else {
                listed = Optional.ofNullable(ListedState.parse(listedNode, "listed", problems));
            }
        }
        JsonNode request = doc.raw("request");
        if (request == null || !request.isObject()) {
            problems.add("request", request == null ? "required" : "type", "must be a request document (an object)");
        }
        doc.rejectUnknown();
        problems.throwIfAny("work message");
        return new WorkMessage(trigger, request, firstSeenAt, attempt == null ? 0 : attempt, sweepId, listed);
    }

    public ObjectNode toJsonNode() {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put(MARKER, VERSION)
                .put("trigger", trigger.id())
                .put("firstSeenAt", firstSeenAt.toString())
                .put("attempt", attempt);
        sweepId.ifPresent(id -> node.put("sweepId", id));
        listed.flatMap(ListedState::toJson).ifPresent(state -> node.set("listed", state));
        node.set("request", request.deepCopy());
        return node;
    }

    public String toJson() {
        return toJsonNode().toString();
    }

    /** This work as a dead-letter (poison) queue holds it: the envelope with its {@value #DEAD_LETTER_REASON}. */
    public String toDeadLetterJson(String reason) {
        return toJsonNode().put(DEAD_LETTER_REASON, reason).toString();
    }

    /** The inner request's id, for logs and the reports of messages that cannot be read. */
    public Optional<String> requestId() {
        JsonNode id = request.path("requestId");
        return id.isTextual() ? Optional.of(id.textValue()) : Optional.empty();
    }

    private static JsonNode targetNode(Target target) {
        String field = target instanceof EksClusterArn ? "eksClusterArn" : "azureResourceId";
        return Json.MAPPER.createObjectNode().put(field, target.id());
    }

    private static Trigger readTrigger(String text, Problems problems) {
        if (text == null) {
            return Trigger.EVENT;
        }
        for (Trigger t : Trigger.values()) {
            if (t.id().equals(text)) {
                return t;
            }
        }
        problems.add("trigger", "enum", "must be event, ticket, manual or sweep (was \"" + text + "\")");
        return Trigger.EVENT;
    }

    private static Instant readInstant(String text, Problems problems) {
        if (text == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add("firstSeenAt", "date-time", "must be an ISO-8601 instant such as 2026-12-01T04:00:00Z");
            return Instant.EPOCH;
        }
    }
}
