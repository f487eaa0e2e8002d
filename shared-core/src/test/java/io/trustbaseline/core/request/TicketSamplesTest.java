package io.trustbaseline.core.request;

import io.trustbaseline.core.Samples;
import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.setting.Catalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser and the guardrails agree with the published ticket samples. */
class TicketSamplesTest {
    private final Catalog catalog = Catalog.standard();
    private final RequestParser parser = new RequestParser(catalog);

    @ParameterizedTest
    @ValueSource(strings = {"aks-binding.json", "eks-pod-identity.json", "dry-run-baseline.json", "remove-binding.json"})
    void everyValidTicketSampleParses(String file) {
        Request request = parser.parse(Samples.read("tickets/" + file), Trigger.TICKET);
        assertTrue(request.requestId().startsWith("CHG"), request.requestId());
    }

    @Test
    void badFieldsSampleReportsEveryProblemAtOnceWithItsField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parser.parse(Samples.read("tickets/refused/bad-fields.json"), Trigger.TICKET));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertEquals(List.of("dryRun", "settings[0].name", "priority"), fields.stream().sorted((a, b) ->
                Integer.compare(order(a), order(b))).toList());
        assertTrue(e.errors().stream().anyMatch(x -> x.field().equals("priority") && x.rule().equals("unknown-field")));
        assertTrue(e.errors().stream().anyMatch(x -> x.field().equals("settings[0].name") && x.rule().equals("pattern")
                && x.message().contains("1-24")));
    }

    @Test
    void removeWithoutConfirmIsRefusedNamingConfirm() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parser.parse(Samples.read("tickets/refused/remove-without-confirm.json"), Trigger.TICKET));
        assertEquals("confirm", e.errors().get(0).rule());
        assertTrue(e.errors().get(0).field().endsWith(".confirm"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"forbidden-policy.json", "protected-namespace.json", "lookalike-policy.json"})
    void guardrailSamplesParseButAreRejectedBeforeAnyCloudCall(String file) {
        // No ports at all: any cloud call would throw, so a rejected report proves none was made.
        TrustBaseline service = new TrustBaseline(catalog,
                new BaselineLoader(catalog).parse(Samples.read("baseline.yaml")), Ports.none(),
                new Retrier(RetryPolicy.none()));
        Report report = service.handle(Samples.read("tickets/refused/" + file), Trigger.TICKET);
        assertEquals(Status.REJECTED, report.status());
        assertTrue(report.errors().stream().allMatch(x -> x.rule().startsWith("guardrail:")), report.toJson());
        assertEquals(0, report.calls().reads() + report.calls().writes());
    }

    private static int order(String field) {
        return List.of("dryRun", "settings[0].name", "priority").indexOf(field);
    }
}
