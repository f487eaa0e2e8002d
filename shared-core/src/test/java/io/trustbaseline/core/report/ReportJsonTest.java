package io.trustbaseline.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.azure.AksTrustedAccess;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.ML_SOURCE;
import static io.trustbaseline.core.fake.Fixtures.MLWORKLOAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report as DESIGN.md shows it: field names, lower-case enum values, calls, errors. */
class ReportJsonTest {
    private static final String BINDING = AksTrustedAccess.nameFor(ML_SOURCE.id());
    private static final String TICKET = """
            {"schemaVersion": 1, "requestId": "CHG0031337", "requestedBy": "alice@example.com", "action": "ensure",
             "dryRun": false, "target": {"azureResourceId": "%s"},
             "settings": [{"type": "aks-trusted-access", "name": "%s", "sourceResourceId": "%s",
                           "roles": ["%s"]}]}""".formatted(AKS.id(), BINDING, ML_SOURCE.id(), MLWORKLOAD);

    private static JsonNode json(Report report) {
        try {
            return Json.MAPPER.readTree(report.toJson());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anAppliedReportHasTheDesignedShape() {
        FakeCloud cloud = Fixtures.readyCloud();
        JsonNode r = json(Fixtures.trustBaseline(cloud).handle(TICKET, Trigger.TICKET));

        assertEquals(List.of("requestId", "trigger", "dryRun", "status", "requestedBy", "targets", "errors", "calls",
                "durationMs"), fieldNames(r));
        assertEquals("CHG0031337", r.path("requestId").asText());
        assertEquals("ticket", r.path("trigger").asText());
        assertFalse(r.path("dryRun").asBoolean());
        assertEquals("applied", r.path("status").asText());
        JsonNode target = r.path("targets").get(0);
        assertEquals(AKS.id(), target.path("target").asText());
        assertEquals("applied", target.path("status").asText());
        JsonNode item = target.path("items").get(0);
        assertEquals("aks-trusted-access", item.path("setting").asText());
        assertEquals(BINDING, item.path("name").asText());
        assertEquals("create", item.path("action").asText());
        assertEquals("applied", item.path("status").asText());
        assertTrue(item.path("message").isTextual());
        assertTrue(item.has("before") && item.path("before").isNull());
        assertEquals(List.of(MLWORKLOAD), List.of(item.path("after").path("roles").get(0).asText()));
        assertTrue(r.path("errors").isArray() && r.path("errors").isEmpty());
        assertEquals(1, r.path("calls").path("writes").asLong());
        assertTrue(r.path("calls").path("reads").asLong() >= 3);
        assertTrue(r.path("durationMs").isIntegralNumber());
    }

    @Test
    void aRejectedReportCarriesErrorsWithFieldRuleAndMessage() {
        JsonNode r = json(Fixtures.trustBaseline(Fixtures.readyCloud())
                .handle(TICKET.replace(BINDING, "aml_central"), Trigger.TICKET));

        assertEquals("rejected", r.path("status").asText());
        assertEquals("CHG0031337", r.path("requestId").asText(), "the id of a refused request is kept for tracing");
        JsonNode error = r.path("errors").get(0);
        assertEquals(List.of("field", "rule", "message"), fieldNames(error));
        assertEquals("settings[0].name", error.path("field").asText());
        assertEquals("pattern", error.path("rule").asText());
        assertEquals(0, r.path("calls").path("reads").asLong());
        assertEquals(0, r.path("calls").path("writes").asLong());
    }

    @Test
    void everyStatusAndActionIsLowerCase() {
        for (Status s : Status.values()) {
            assertEquals("\"" + s.name().toLowerCase() + "\"", Json.write(s));
        }
        for (ItemStatus s : ItemStatus.values()) {
            assertEquals("\"" + s.name().toLowerCase() + "\"", Json.write(s));
        }
        for (io.trustbaseline.core.setting.PlanAction a : io.trustbaseline.core.setting.PlanAction.values()) {
            assertEquals("\"" + a.name().toLowerCase() + "\"", Json.write(a));
        }
    }

    @Test
    void statusesRollUp() {
        assertEquals(Status.PARTIAL, Status.rollUp(List.of(Status.APPLIED, Status.FAILED)));
        assertEquals(Status.FAILED, Status.rollUp(List.of(Status.FAILED, Status.FAILED)));
        assertEquals(Status.DEFERRED, Status.rollUp(List.of(Status.APPLIED, Status.DEFERRED)));
        assertEquals(Status.APPLIED, Status.rollUp(List.of(Status.COMPLIANT, Status.APPLIED)));
        assertEquals(Status.COMPLIANT, Status.rollUp(List.of(Status.COMPLIANT)));
    }
}
