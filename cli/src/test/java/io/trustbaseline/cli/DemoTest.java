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
                "5. A new key vault: its firewall lets trusted Microsoft services through, rules kept  (azure/eventgrid-keyvault-created.json)",
                "6. A new EKS cluster, still CREATING: the SQS message stays for redelivery  (aws/eventbridge-eks-create-cluster-creating.json)",
                "7. Minutes later eks-new is ACTIVE and the message comes back  (aws/eventbridge-eks-create-cluster-creating.json)",
                "8. A ticket on SQS binds payments/payments-api to its workload role  (aws/sqs-ticket.json)",
                "9. A ticket asks for AdministratorAccess: refused whole  (tickets/refused/forbidden-policy.json)",
                "10. A ticket with bad fields over HTTP: every problem named at once  (tickets/refused/bad-fields.json)",
                "11. The Azure sweep repairs drift everywhere (the Basic registry is reported, never upgraded)  (azure/timer-sweep.json)",
                "12. The AWS sweep brings eks-prod, untouched so far, to the baseline  (aws/scheduled-event.json)");
        List<String> found = lines().stream().filter(l -> l.matches("^\\d+\\. .*")).toList();
        assertEquals(steps, found, demo::toString);
    }

    @Test
    void eachStepShowsItsOutcome() {
        List<String> outcomes = lines().stream().map(String::strip)
                .filter(l -> l.matches("^(APPLIED|COMPLIANT|DEFERRED|REJECTED|FAILED|PARTIAL|PLANNED)  .*"))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
        // A sweep shows each target's report, in the order it listed them: Azure's clusters, registries, storage
        // accounts, workspaces and key vaults, then AWS's clusters.
        assertEquals(List.of("APPLIED", "COMPLIANT", "DEFERRED", "APPLIED", "APPLIED", "DEFERRED", "APPLIED", "APPLIED",
                "REJECTED", "REJECTED", "COMPLIANT", "DEFERRED", "COMPLIANT", "FAILED", "APPLIED", "APPLIED",
                "COMPLIANT", "COMPLIANT", "COMPLIANT", "APPLIED"), outcomes, demo::toString);
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
        assertHasLine("applied  keyvault-trusted-services: bypass None -> AzureServices, default action Deny and rules kept");
        assertHasLine("compliant keyvault-trusted-services: no firewall (networkAcls absent): every caller, trusted Microsoft"
                + " services included, reaches the vault");
    }

    @Test
    void eachStepNamesTheEntryPointTheCloudWouldCall() {
        List<String> entryPoints = lines().stream().map(String::strip).filter(l -> l.startsWith("-> "))
                .map(l -> l.substring(3)).toList();
        assertEquals(List.of(
                "Azure function ResourceWritten (Event Grid trigger)",
                "Azure function ResourceWritten (Event Grid trigger)",
                "Azure function ResourceWritten (Event Grid trigger)",
                "Azure function ResourceWritten (Event Grid trigger)",
                "Azure function ResourceWritten (Event Grid trigger)",
                "Lambda QueueHandler (SQS trigger, the EventBridge rule's delivery)",
                "Lambda QueueHandler (SQS trigger, the EventBridge rule's delivery)",
                "Lambda QueueHandler (SQS trigger)",
                "Lambda ManualHandler (direct invoke)",
                "Azure function Reconcile (HTTP POST /api/reconcile)",
                "Azure function Sweep (timer trigger)",
                "Lambda SweepHandler (EventBridge schedule)"), entryPoints, demo::toString);
    }

    @Test
    void itEndsWithOneTablePerCloudALegendAndTheCountOfStepsAsExpected() {
        List<String> all = lines();
        int title = all.indexOf("Targets x settings after the demo:");
        assertTrue(title > 0, demo::toString);
        List<String> rest = all.subList(title + 1, all.size());
        int legendEnd = rest.indexOf("  " + ComplianceTable.LEGEND.get(ComplianceTable.LEGEND.size() - 1));
        assertTrue(legendEnd > 0 && rest.subList(0, legendEnd + 1).stream().allMatch(l -> l.length() <= 120),
                () -> "every line of the tables and the legend within 120 columns:\n" + String.join("\n", rest));

        int aws = rest.indexOf(rest.stream().filter(l -> l.strip().startsWith("AWS ")).findFirst().orElseThrow());
        List<String> azure = rest.subList(0, aws).stream().takeWhile(l -> !l.isBlank()).map(DemoTest::words).toList();
        assertEquals(List.of(
                "Azure aks-trusted- acr-trusted- keyvault- storage- workspace-",
                "access services trusted-services trusted-services storage-roles",
                "managedClusters/aks-prod-weu compliant - - - -",
                "managedClusters/aks-new-weu deferred - - - -",
                "registries/acrplatformweu - compliant - - -",
                "vaults/kv-platform-weu - - compliant - -",
                "registries/acrbasicweu - blocked - - -",
                "storageAccounts/stmlweu001 - - - applied -",
                "workspaces/mlw-central - - - - applied",
                "vaults/kv-open-weu - - compliant - -"), azure, demo::toString);
        List<String> amazon = rest.subList(aws, rest.size()).stream().takeWhile(l -> !l.isBlank()).map(DemoTest::words).toList();
        assertEquals(List.of(
                "AWS eks-pod- eks-pod- eks-access-",
                "identity-agent identity entries",
                "eks/eks-new compliant compliant compliant",
                "eks/eks-prod applied applied applied"), amazon, demo::toString);

        List<String> after = rest.subList(aws + amazon.size(), rest.size()).stream().filter(l -> !l.isBlank()).map(String::strip).toList();
        int legend = ComplianceTable.LEGEND.size();
        assertEquals(ComplianceTable.LEGEND, after.subList(0, legend), demo::toString);
        assertEquals(legend + 3, after.size(), () -> "only the compliance page, the count and the timing follow: " + after);
        assertEquals("compliance report: " + Cli.ROOT.resolve("target/compliance.html").toAbsolutePath().normalize(),
                after.get(legend));
        assertEquals("12 of 12 steps as expected", after.get(legend + 1), demo::toString);
        assertTrue(after.get(legend + 2).startsWith("demo finished in "), after::toString);
        String page = Cli.read(Cli.ROOT.resolve("target/compliance.html"));
        assertTrue(page.contains("\"targetName\":\"acrbasicweu\",\"setting\":\"acr-trusted-services\"")
                && page.contains("\"status\":\"blocked\""), "the page holds the demo's items");
    }

    /** A table line with its columns' padding collapsed to single spaces. */
    private static String words(String line) {
        return String.join(" ", line.strip().split("\\s+"));
    }
}
