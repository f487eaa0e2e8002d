package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.cli.report.ReportCommand;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trust-baseline demo}: the local cloud seeded with events-samples/world.json, the samples replayed through
 * the real entry points, and for each step what changed and what was refused. Each step states the outcome it
 * expects; the demo exits 1 when one differs, so running it is also an end-to-end check.
 */
final class Demo {
    /** One replayed payload and the overall status its reports must have. */
    private record Step(String title, String sample, Status expected, Runnable before) {
        Step(String title, String sample, Status expected) {
            this(title, sample, expected, () -> { });
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Path samples;

    Demo(PrintStream out, PrintStream err, Path samples) {
        this.out = out;
        this.err = err;
        this.samples = samples;
    }

    int run() {
        long started = System.nanoTime();
        Baseline baseline = RunCommand.loadBaseline(existing("baseline.yaml"));
        ComplianceTable table = new ComplianceTable();
        List<String> surprises = new ArrayList<>();
        int total;
        out.println("trust-baseline demo: the local cloud seeded with events-samples/world.json, the baseline"
                + " events-samples/baseline.yaml");
        // The functions' own log lines (one JSON report each) would drown the summary: keep them for --verbose.
        ByteArrayOutputStream functionLogs = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(functionLogs, true, StandardCharsets.UTF_8);
        try (LocalSession session = LocalSession.start(existing("world.json"))) {
            Launcher launcher = Launcher.local(session, baseline, false, quiet);
            int number = 0;
            List<Step> steps = steps(session);
            total = steps.size();
            for (Step step : steps) {
                number++;
                out.println();
                out.println(number + ". " + step.title() + "  (" + step.sample() + ")");
                step.before().run();
                Path file = existing(step.sample());
                String payload = RunCommand.read(file);
                Invocation invocation = launcher.invoke(RunCommand.detect(file, payload), payload);
                out.println("   -> " + invocation.entryPoint());
                List<Report> reports = invocation.reports();
                reports.forEach(r -> {
                    Summary.lines(r).forEach(line -> out.println("   " + line));
                    table.add(r);
                });
                Status actual = Status.rollUp(reports.stream().map(Report::status).toList());
                if (actual != step.expected()) {
                    surprises.add(number + ". " + step.title() + ": expected " + step.expected().id() + ", got " + actual.id());
                }
            }
        }
        out.println();
        out.println("Targets x settings after the demo:");
        table.render().forEach(line -> out.println(line.isEmpty() ? "" : "  " + line));
        out.println();
        out.println("compliance report: " + ReportCommand.writeHtml(table.reports(), samples.resolveSibling("target").resolve("compliance.html")));
        out.println((total - surprises.size()) + " of " + total + " steps as expected"
                + (surprises.isEmpty() ? "" : "; not as expected: " + String.join("; ", surprises)));
        out.printf("demo finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
        if (!surprises.isEmpty()) {
            err.println("the demo did not go as expected:");
            surprises.forEach(s -> err.println("  " + s));
            return 1;
        }
        return 0;
    }

    private List<Step> steps(LocalSession session) {
        return List.of(
                new Step("A new AKS cluster appears: Event Grid ResourceWriteSuccess", "azure/eventgrid-aks-created.json", Status.APPLIED),
                new Step("The same event again: a second run only reads", "azure/eventgrid-aks-created.json", Status.COMPLIANT),
                new Step("An AKS cluster still provisioning: nothing is written, Event Grid retries", "azure/eventgrid-aks-creating.json", Status.DEFERRED),
                new Step("A new container registry (CloudEvents schema)", "azure/cloudevents-acr-created.json", Status.APPLIED),
                new Step("A new key vault: its firewall lets trusted Microsoft services through, rules kept",
                        "azure/eventgrid-keyvault-created.json", Status.APPLIED),
                new Step("A new EKS cluster, still CREATING: the SQS message stays for redelivery",
                        "aws/eventbridge-eks-create-cluster-creating.json", Status.DEFERRED),
                new Step("Minutes later eks-new is ACTIVE and the message comes back", "aws/eventbridge-eks-create-cluster-creating.json",
                        Status.APPLIED, () -> activate(session, "eks-new")),
                new Step("A ticket on SQS binds payments/payments-api to its workload role", "aws/sqs-ticket.json", Status.APPLIED),
                new Step("A ticket asks for AdministratorAccess: refused whole", "tickets/refused/forbidden-policy.json", Status.REJECTED),
                new Step("A ticket with bad fields over HTTP: every problem named at once", "tickets/refused/bad-fields.json", Status.REJECTED),
                new Step("The Azure sweep repairs drift everywhere (the Basic registry is reported, never upgraded)",
                        "azure/timer-sweep.json", Status.PARTIAL),
                new Step("The AWS sweep brings eks-prod, untouched so far, to the baseline", "aws/scheduled-event.json",
                        Status.APPLIED));
    }

    /** What EKS does when a cluster finishes creating: the world's cluster becomes ACTIVE. */
    private static void activate(LocalSession session, String cluster) {
        session.world().locked(root -> {
            root.path("aws").path("accounts").forEach(account -> account.path("regions").forEach(region -> {
                if (region.path("clusters").get(cluster) instanceof ObjectNode c) {
                    c.put("status", "ACTIVE");
                }
            }));
            return null;
        });
    }

    private Path existing(String relative) {
        Path file = samples.resolve(relative);
        if (!file.toFile().isFile()) {
            throw new UsageException("no " + file + ": run the demo through ./trust-baseline, or from the repository root");
        }
        return file;
    }
}
