package io.trustbaseline.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trust-baseline demo} end to end: every step as expected, each named, the targets x settings table, and the
 * compliance page it writes.
 */
class DemoTest {
    private static Cli.Result demo;

    @BeforeAll
    static void runTheDemo() {
        demo = Cli.run("demo");
    }

    private static List<String> lines() {
        return demo.out().lines().toList();
    }

    private static void assertHasLine(String expected) {
        assertTrue(lines().stream().anyMatch(l -> l.strip().equals(expected)), () -> "no line \"" + expected + "\" in\n" + demo.out());
    }

    private static void assertHasLineStarting(String prefix) {
        assertTrue(lines().stream().anyMatch(l -> l.strip().startsWith(prefix)), () -> "no line starting \"" + prefix + "\" in\n" + demo.out());
    }

    @Test
    void theDemoExitsZeroWithNothingUnexpectedOnStderr() {
        assertEquals(0, demo.exit(), demo::toString);
        assertTrue(!demo.err().contains("did not go as expected"), demo::toString);
    }

    @Test
    void everyStepIsNamedWithItsSampleInOrder() {
        List<String> steps = List.of(
                "1. A new AKS cluster appears: Event Grid ResourceWriteSuccess  (azure/eventgrid-aks-created.json)",
                "2. The same event again: a second run only reads  (azure/eventgrid-aks-created.json)",
                "3. An AKS cluster still provisioning: nothing is written, Event Grid retries  (azure/eventgrid-aks-creating.json)",
                "4. A new container registry (CloudEvents schema)  (azure/cloudevents-acr-created.json)",
                "5. A new EKS cluster, still CREATING: the SQS message stays for redelivery  (aws/eventbridge-eks-create-cluster-creating.json)",
                "6. Minutes later eks-new is ACTIVE and the message comes back  (aws/eventbridge-eks-create-cluster-creating.json)",
                "7. A ticket on SQS binds payments/payments-api to its workload role  (aws/sqs-ticket.json)",
                "8. A ticket asks for AdministratorAccess: refused whole  (tickets/refused/forbidden-policy.json)",
                "9. A ticket with bad fields over HTTP: every problem named at once  (tickets/refused/bad-fields.json)",
                "10. The Azure sweep repairs drift everywhere (the Basic registry is reported, never upgraded)  (azure/timer-sweep.json)",
                "11. The AWS sweep brings eks-prod, untouched so far, to the baseline  (aws/scheduled-event.json)");
        List<String> found = lines().stream().filter(l -> l.matches("^\\d+\\. .*")).toList();
        assertEquals(steps, found, demo::toString);
    }

    @Test
    void eachStepShowsItsOutcome() {
        List<String> outcomes = lines().stream().map(String::strip)
                .filter(l -> l.matches("^(APPLIED|COMPLIANT|DEFERRED|REJECTED|FAILED|PARTIAL|PLANNED)  .*"))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
        // A sweep shows each target's report, in the order it listed them: Azure's clusters, registries, storage
        // accounts and workspaces, then AWS's clusters.
        assertEquals(List.of("APPLIED", "COMPLIANT", "DEFERRED", "APPLIED", "DEFERRED", "APPLIED", "APPLIED",
                "REJECTED", "REJECTED", "COMPLIANT", "DEFERRED", "COMPLIANT", "FAILED", "APPLIED", "APPLIED",
                "COMPLIANT", "APPLIED"), outcomes, demo::toString);
    }

    @Test
    void theRefusalsNameTheFieldAndTheRule() {
        assertHasLine("refused  settings[0].role.managedPolicyArns[0]: arn:aws:iam::aws:policy/AdministratorAccess"
                + " may never be attached by trust-baseline [guardrail:forbiddenPolicyArns]");
        assertHasLine("refused  dryRun: must be true or false [type]");
        assertHasLine("refused  priority: is not a known field [unknown-field]");
        assertHasLineStarting("refused  settings[0].name: must be 1-24 letters, digits or '-'");
    }

    @Test
    void theChangesAndTheBlockedRegistryAreSpelledOut() {
        assertHasLine("applied  aks-trusted-access aml-central: create the binding aml-central for mlw-central"
                + " with Microsoft.MachineLearningServices/workspaces/mlworkload");
        assertHasLine("compliant aks-trusted-access aml-central: the binding aml-central is in place");
        assertHasLine("registries/acrbasicweu  failed");
        assertHasLineStarting("blocked  acr-trusted-services: the SKU is Basic but the baseline requires Premium");
        assertHasLine("applied  storage-trusted-services: bypass \"Logging, Metrics\" -> \"Logging, Metrics, AzureServices\", rules kept");
    }

    @Test
    void itEndsWithTheTargetsBySettingsTable() {
        List<String> all = lines();
        int title = all.indexOf("Targets x settings after the demo:");
        assertTrue(title > 0, demo::toString);
        List<String> table = all.subList(title + 1, all.size()).stream()
                .takeWhile(l -> !l.isBlank()).map(String::strip).toList();
        assertEquals(List.of("target", "aks-trusted-access", "acr-trusted-services", "eks-pod-identity-agent", "eks-pod-identity",
                "storage-trusted-services", "workspace-storage-roles"), List.of(table.get(0).split("\\s+")));
        assertEquals(List.of(
                "managedClusters/aks-prod-weu compliant - - - - -",
                "managedClusters/aks-new-weu deferred - - - - -",
                "registries/acrplatformweu - compliant - - - -",
                "eks/eks-new - - compliant compliant - -",
                "eks/eks-prod - - applied applied - -",
                "registries/acrbasicweu - blocked - - - -",
                "storageAccounts/stmlweu001 - - - - applied -",
                "workspaces/mlw-central - - - - - applied"),
                table.subList(1, table.size()).stream().map(l -> String.join(" ", l.split("\\s+"))).toList(), demo::toString);
        List<String> after = all.subList(title + 1 + table.size(), all.size()).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(2, after.size(), () -> "only the compliance page and the timing follow the table: " + after);
        assertEquals("compliance report: " + Cli.ROOT.resolve("target/compliance.html").toAbsolutePath().normalize(),
                after.get(0));
        assertTrue(after.get(1).startsWith("demo finished in "), after::toString);
        String page = Cli.read(Cli.ROOT.resolve("target/compliance.html"));
        assertTrue(page.contains("\"targetName\":\"acrbasicweu\",\"setting\":\"acr-trusted-services\"")
                && page.contains("\"status\":\"blocked\""), "the page holds the demo's items");
    }
}
