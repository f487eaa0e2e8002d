package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample in events-samples goes through {@code trust-baseline run} against the default world and baseline
 * (each run seeds its own local cloud, so the samples do not see each other's writes). Each one's exit code, the
 * status of every report, the shape of stdout the platform expects and the report schema are checked.
 */
class SampleRunTest {

    /** What stdout is: one report, an Event Grid array of reports, or an SQS partial batch response. */
    enum Shape { REPORT, ARRAY, SQS, SWEEP }

    /** "Some message id": an EventBridge event is wrapped in an SQS message the command makes up. */
    private static final String ANY_ID = "*";

    /**
     * One sample's expected outcome: the exit code, the statuses of the reports in order, and for SQS the ids of the
     * messages left for redelivery; {@code errorRule} is a rule a rejected report must name.
     */
    record Expectation(String sample, int exit, Shape shape, List<String> statuses, List<String> redelivered, String errorRule) {
        @Override
        public String toString() {
            return sample;
        }
    }

    private static Expectation report(String sample, int exit, String status) {
        return new Expectation(sample, exit, Shape.REPORT, List.of(status), List.of(), null);
    }

    /** A sweep run locally prints its summary: its status, and the exit code of its targets' reports. */
    private static Expectation sweep(String sample, int exit, String status) {
        return new Expectation(sample, exit, Shape.SWEEP, List.of(status), List.of(), null);
    }

    private static Expectation rejected(String sample, String rule) {
        return new Expectation(sample, 2, Shape.REPORT, List.of("rejected"), List.of(), rule);
    }

    private static Expectation array(String sample, String status) {
        return new Expectation(sample, 0, Shape.ARRAY, List.of(status), List.of(), null);
    }

    private static Expectation sqs(String sample, int exit, List<String> statuses, List<String> redelivered, String rule) {
        return new Expectation(sample, exit, Shape.SQS, statuses, redelivered, rule);
    }

    static List<Expectation> expectations() {
        return List.of(
                // Azure: the seed's aks-prod-weu has no binding, acrplatformweu bypasses None, aks-new-weu is Creating.
                report("azure/cloudevents-acr-created.json", 0, "applied"),
                report("azure/cloudevents-aks-created.json", 0, "applied"),
                array("azure/eventgrid-acr-created.json", "applied"),
                array("azure/eventgrid-aks-created.json", "applied"),
                array("azure/eventgrid-aks-creating.json", "deferred"),
                array("azure/eventgrid-binding-write-ignored.json", "ignored"),
                array("azure/eventgrid-keyvault-created.json", "applied"),
                report("azure/http-reconcile.json", 0, "applied"),
                report("azure/queue-ticket.json", 0, "applied"),
                // The Basic registry is blocked (never upgraded) while the rest is applied or deferred: partial.
                sweep("azure/timer-sweep.json", 1, "partial"),
                // AWS: eks-prod is ACTIVE and bare, eks-new is CREATING. A message whose cluster is not ready is put
                // back on the queue with a delay and acknowledged: it is no batch item failure.
                sqs("aws/eventbridge-eks-create-cluster-creating.json", 0, List.of("deferred"), List.of(), null),
                sqs("aws/eventbridge-eks-create-cluster-legacy.json", 0, List.of("deferred"), List.of(), null),
                sqs("aws/eventbridge-eks-create-cluster.json", 0, List.of("applied"), List.of(), null),
                report("aws/manual-request.json", 0, "applied"),
                // eks-prod applied, eks-new still CREATING: the sweep as a whole is deferred.
                sweep("aws/scheduled-event.json", 0, "deferred"),
                sqs("aws/sqs-eks-create-cluster.json", 0, List.of("applied"), List.of(), null),
                sqs("aws/sqs-mixed-batch.json", 2, List.of("applied", "rejected", "deferred"), List.of(),
                        "guardrail:protectedNamespaces"),
                sqs("aws/sqs-ticket.json", 0, List.of("applied"), List.of(), null),
                // Tickets, as manual requests (HTTP for Azure targets, the Lambda manual handler for EKS).
                report("tickets/aks-binding.json", 0, "applied"),
                report("tickets/dry-run-baseline.json", 0, "planned"),
                report("tickets/eks-pod-identity.json", 0, "applied"),
                report("tickets/keyvault-trusted-services.json", 0, "applied"),
                report("tickets/eks-access-entry.json", 0, "applied"),
                // The seed has no binding to remove: nothing to do.
                report("tickets/remove-binding.json", 0, "compliant"),
                rejected("tickets/refused/bad-fields.json", "unknown-field"),
                rejected("tickets/refused/forbidden-policy.json", "guardrail:forbiddenPolicyArns"),
                rejected("tickets/refused/cluster-admin-access.json", "guardrail:ticketAccessPolicyArns"),
                rejected("tickets/refused/lookalike-policy.json", "guardrail:forbiddenPolicyArns"),
                rejected("tickets/refused/session-policy-with-session-tags.json", "requires-disableSessionTags"),
                rejected("tickets/refused/protected-namespace.json", "guardrail:protectedNamespaces"),
                rejected("tickets/refused/remove-without-confirm.json", "confirm"));
    }

    @Test
    void everySampleFileHasAnExpectation() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        for (String dir : List.of("azure", "aws", "tickets")) {
            try (Stream<Path> files = Files.walk(Cli.SAMPLES.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".json"))
                        .forEach(f -> onDisk.add(Cli.SAMPLES.relativize(f).toString().replace('\\', '/')));
            }
        }
        Set<String> expected = expectations().stream().map(Expectation::sample).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(onDisk, expected, "every sample under azure/, aws/ and tickets/ (with refused/) needs an expectation here");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void sampleRunsToItsExpectedExitCodeStatusesAndShape(Expectation expected) {
        Cli.Result result = Cli.run("run", "--event", Cli.sample(expected.sample()));

        assertEquals(expected.exit(), result.exit(), () -> "exit code of " + expected.sample() + "\n" + result);
        JsonNode output = result.json();
        switch (expected.shape()) {
            case REPORT -> assertTrue(output.isObject() && output.has("status") && !output.has("batchItemFailures"),
                    () -> "one report expected: " + output);
            case ARRAY -> assertTrue(output.isArray(), () -> "an Event Grid array gives an array of reports: " + output);
            case SWEEP -> {
                Cli.assertValidSweepSummary(output, expected.sample());
                assertEquals(expected.statuses(), List.of(output.path("status").asText()), output::toString);
                assertEquals(output.path("enqueued").asLong(), output.path("reported").asLong(), "every target enqueued was reported");
                return;
            }
            case SQS -> {
                assertTrue(output.isObject() && output.path("batchItemFailures").isArray() && output.path("reports").isArray(),
                        () -> "an SQS event gives {batchItemFailures, reports}: " + output);
                List<String> redelivered = new ArrayList<>();
                output.path("batchItemFailures").forEach(f -> redelivered.add(f.path("itemIdentifier").asText()));
                assertEquals(expected.redelivered().size(), redelivered.size(), () -> "messages left for redelivery: " + redelivered);
                for (int i = 0; i < redelivered.size(); i++) {
                    String id = expected.redelivered().get(i);
                    assertFalse(redelivered.get(i).isBlank(), "a batch item failure names its message");
                    if (!id.equals(ANY_ID)) {
                        assertEquals(id, redelivered.get(i));
                    }
                }
            }
        }

        List<JsonNode> reports = result.reports();
        assertEquals(expected.statuses(), reports.stream().map(r -> r.path("status").asText()).toList(),
                () -> "report statuses of " + expected.sample() + "\n" + result);
        for (JsonNode report : reports) {
            Cli.assertValidReport(report, expected.sample());
            if (report.path("status").asText().equals("rejected")) {
                assertFalse(report.path("errors").isEmpty(), () -> "a rejection names its fields: " + report);
                assertEquals(0, report.path("calls").path("writes").asInt(), () -> "a rejection writes nothing: " + report);
                List<String> rules = new ArrayList<>();
                report.path("errors").forEach(e -> rules.add(e.path("rule").asText()));
                assertTrue(rules.contains(expected.errorRule()), () -> "expected rule " + expected.errorRule() + " in " + rules);
            }
        }
    }
}
