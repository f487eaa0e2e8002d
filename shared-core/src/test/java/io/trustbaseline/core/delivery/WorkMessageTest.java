package io.trustbaseline.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.request.RequestParser;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.TargetState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The work message envelope: what the functions enqueue for themselves, read back strictly. */
class WorkMessageTest {
    private static final Instant SEEN = Instant.parse("2026-12-01T04:00:00Z");
    private static final EksClusterArn CLUSTER = EksClusterArn.of("eu-west-1", "111122223333", "payments");

    @Test
    void aSweepMessageRoundTripsAndCarriesARequestTheParserAccepts() throws Exception {
        WorkMessage sent = WorkMessage.forTarget(Trigger.SWEEP, "sweep-1:0", "sweep", CLUSTER, false, SEEN,
                Optional.of("sweep-1"));

        WorkMessage read = WorkMessage.parse(Json.MAPPER.readTree(sent.toJson()));

        assertEquals(sent, read);
        Request request = new RequestParser(Catalog.standard()).parse(read.request(), read.trigger());
        assertEquals(CLUSTER, request.target());
        assertEquals(Trigger.SWEEP, request.trigger());
        assertTrue(request.explicitSettings().isEmpty(), "a target's work applies the baseline");
    }

    @Test
    void anAzureTargetIsNamedByItsResourceId() throws Exception {
        AzureResourceId registry = AzureResourceId.parse("/subscriptions/00000000-0000-0000-0000-000000000001"
                + "/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr1");
        WorkMessage sent = WorkMessage.forTarget(Trigger.EVENT, "evt-1", "event", registry, true, SEEN,
                Optional.empty());

        assertEquals(registry.id(), sent.request().path("target").path("azureResourceId").textValue());
        assertEquals(Optional.of("evt-1"), sent.requestId());
    }

    private static final AzureResourceId REGISTRY = AzureResourceId.parse("/subscriptions/00000000-0000-0000-0000-000000000001"
            + "/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr1");
    private static final TargetState LISTED = new TargetState("Succeeded", true, "westeurope", Map.of("env", "prod"),
            List.of(new RegistryNetwork("Premium", "Enabled", "None")));

    private static WorkMessage listedWork(TargetState listed) {
        return WorkMessage.forTarget(Trigger.SWEEP, "sweep-1:1", "sweep", REGISTRY, false, SEEN, Optional.of("sweep-1"),
                Optional.of(listed));
    }

    @Test
    void aListedStateRoundTripsWithItsViews() throws Exception {
        WorkMessage sent = listedWork(LISTED);

        WorkMessage read = WorkMessage.parse(Json.MAPPER.readTree(sent.toJson()));

        assertEquals(Optional.of(LISTED), read.listed());
        assertEquals(1, Json.MAPPER.readTree(sent.toJson()).path("listed").path("version").asInt());
    }

    @Test
    void aListedViewWithAnUnknownFieldIsRefusedNamingTheField() throws Exception {
        ObjectNode node = listedWork(LISTED).toJsonNode();
        ((ObjectNode) node.path("listed").path("views").path("registryNetwork")).put("adminUserEnabled", true);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WorkMessage.parse(node));

        assertEquals(List.of("listed.views.registryNetwork"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void aListedStateOfAnotherVersionOrTooLargeIsRefusedNamingTheRule() throws Exception {
        ObjectNode other = listedWork(LISTED).toJsonNode();
        ((ObjectNode) other.path("listed")).put("version", 2);
        ObjectNode large = listedWork(LISTED).toJsonNode();
        ((ObjectNode) large.path("listed").path("tags")).put("note", "x".repeat(ListedState.MAX_CHARS));

        assertEquals(List.of("enum"), assertThrows(InvalidInputException.class, () -> WorkMessage.parse(other))
                .errors().stream().map(FieldError::rule).toList());
        assertEquals(List.of("maxLength"), assertThrows(InvalidInputException.class, () -> WorkMessage.parse(large))
                .errors().stream().map(FieldError::rule).toList());
    }

    @Test
    void aListedStateTooLargeToCarryIsLeftOutAndTheWorkerReadsTheTarget() {
        TargetState huge = new TargetState("Succeeded", true, "westeurope", Map.of("note", "x".repeat(ListedState.MAX_CHARS)),
                List.of());

        WorkMessage work = listedWork(huge);

        assertEquals(Optional.empty(), work.listed());
        assertFalse(work.toJsonNode().has("listed"));
    }

    @Test
    void aLaterAttemptDropsTheListedStateWhichIsOlderThanTheTargetNowIs() {
        assertEquals(Optional.empty(), listedWork(LISTED).nextAttempt().listed());
    }

    @Test
    void theNextAttemptKeepsTheFirstSightingAndCountsUp() {
        WorkMessage first = WorkMessage.ofTicket(Json.MAPPER.createObjectNode().put("requestId", "CHG1"), SEEN);

        WorkMessage third = first.nextAttempt().nextAttempt();

        assertEquals(2, third.attempt());
        assertEquals(SEEN, third.firstSeenAt());
        assertEquals(Trigger.TICKET, third.trigger());
    }

    @Test
    void onlyADocumentWithTheMarkerIsAWorkMessage() throws Exception {
        assertTrue(WorkMessage.isWorkMessage(Json.MAPPER.readTree("{\"trustBaselineWork\":1}")));
        assertFalse(WorkMessage.isWorkMessage(Json.MAPPER.readTree("{\"schemaVersion\":1}")));
        assertFalse(WorkMessage.isWorkMessage(Json.MAPPER.readTree("[1]")));
        assertFalse(WorkMessage.isWorkMessage(null));
    }

    @Test
    void aMalformedEnvelopeIsRefusedNamingEachFieldAndRule() throws Exception {
        JsonNode bad = Json.MAPPER.readTree("{\"trustBaselineWork\":2,\"trigger\":\"cron\",\"firstSeenAt\":\"yesterday\","
                + "\"attempt\":-1,\"sweepId\":\"a b\",\"request\":[],\"extra\":true}");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WorkMessage.parse(bad));

        List<String> found = e.errors().stream().map(err -> err.field() + ":" + err.rule()).sorted().toList();
        assertEquals(List.of("attempt:minimum", "extra:unknown-field", "firstSeenAt:date-time", "request:type",
                "sweepId:pattern", "trigger:enum", "trustBaselineWork:enum"), found);
    }

    @Test
    void theRequiredFieldsAreRequired() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> WorkMessage.parse(Json.MAPPER.readTree("{}")));

        assertEquals(List.of("firstSeenAt", "request", "trigger", "trustBaselineWork"),
                e.errors().stream().map(FieldError::field).sorted().toList());
    }
}
