package io.trustbaseline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trust-baseline report} as text (CSV for tickets, Markdown for chat), what it reads (files, directories,
 * JSON Lines with wrapped reports) and how it refuses what it cannot read. The HTML page is tested in a browser
 * ({@link CompliancePageBrowserTest}).
 */
class ReportCommandTest {
    private static final Path REPORTS = Cli.ROOT.resolve("cli/src/test/resources/compliance");

    private static Cli.Result report(String format) {
        return Cli.run("report", "--from", REPORTS.resolve("sweeps").toString(), REPORTS.resolve("results.jsonl").toString(),
                "--format", format);
    }

    @Test
    void csvHasOneRowPerItemAtItsLatestReport() {
        Cli.Result csv = report("csv");

        assertEquals(0, csv.exit(), csv::toString);
        List<String> rows = csv.out().lines().toList();
        assertEquals("cloud,scope,target,setting,item,status,action,message,error,exemption,ticket,expires,"
                + "exemptionLapsed,requestId", rows.get(0));
        assertEquals(7, rows.size(), "six items: " + csv.out());
        String storage = rows.stream().filter(r -> r.contains("stdata01")).findFirst().orElseThrow();
        assertTrue(storage.contains(",failed,update,\"access denied: the function lacks Microsoft.Storage/storageAccounts/write"
                + " </script><img src=x onerror=\"\"document.title='owned'\"\">\",AuthorizationFailed,"), storage);
        assertTrue(storage.endsWith(",sweep-2026-12-01"), "the latest sweep's item: " + storage);
        assertTrue(rows.stream().anyMatch(r -> r.contains(",exempt,update,") && r.contains(",legacy-registry,CHG0040001,2027-03-31,false,")));
    }

    @Test
    void aCsvFieldASpreadsheetWouldRunAsAFormulaIsQuotedAsText(@TempDir Path dir) {
        Path file = Cli.write(dir.resolve("r.json"), """
                {"requestId": "r1", "trigger": "manual", "dryRun": false, "status": "failed", "targets": [
                  {"target": "arn:aws:eks:eu-west-1:111122223333:cluster/c1", "status": "failed", "items": [
                    {"setting": "eks-pod-identity-agent", "name": "eks-pod-identity-agent", "action": "create",
                     "status": "failed", "message": "=HYPERLINK(\\"http://x\\")"}]}],
                 "errors": [], "calls": {"reads": 1, "writes": 0}, "durationMs": 1}""");

        Cli.Result csv = Cli.run("report", "--from", file.toString(), "--format", "csv");

        assertTrue(csv.out().contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), csv.out());
    }

    @Test
    void markdownHasTheMatrixWhatNeedsAttentionTheExemptionsAndTheTrend() {
        Cli.Result md = report("markdown");

        assertEquals(0, md.exit(), md::toString);
        List<String> lines = md.out().lines().toList();
        assertTrue(lines.contains("**failed** 1 · **deferred** 1 · **applied** 1 · **exempt** 1 · **compliant** 2 (4 reports)"), md.out());
        assertTrue(lines.contains("| target | cloud | scope | aks-trusted-access | acr-trusted-services | storage-trusted-services"
                + " | eks-pod-identity-agent | eks-pod-identity |"), md.out());
        assertTrue(lines.contains("| eks-prod | aws | 111122223333 | – | – | – | compliant | deferred |"), md.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("- **failed** stdata01 · storage-trusted-services: access denied")
                && l.contains("&lt;/script>&lt;img")), "markup escaped: " + md.out());
        assertTrue(lines.contains("- **deferred** eks-prod · eks-pod-identity payments/payments-api: the role was created in"
                + " this step; the association is retried when IAM has propagated"), md.out());
        assertTrue(lines.contains("- acrlegacy01 · acr-trusted-services: until 2027-03-31, CHG0040001 (vendor appliance pulls"
                + " over the public endpoint)"), md.out());
        assertTrue(lines.contains("| sweep-2026-11-30 | partial | 1 | 0 | 0 | 0 | 1 | 1 | 0 |"), md.out());
        assertTrue(lines.contains("| sweep-2026-12-01 | partial | 1 | 0 | 0 | 0 | 0 | 1 | 1 |"), md.out());
    }

    @Test
    void theDemosHtmlPageIsWrittenWhereAsked(@TempDir Path dir) {
        Path page = dir.resolve("out/page.html");

        Cli.Result made = Cli.run("report", "--from", REPORTS.resolve("sweeps/01-sweep.json").toString(), "--out", page.toString());

        assertEquals(0, made.exit(), made::toString);
        String html = Cli.read(page);
        assertTrue(html.contains("\"requestId\":\"sweep-2026-11-30\""));
        assertTrue(!html.contains("</script><img"), "report text cannot close the data's script element");
        assertTrue(!html.matches("(?s).*(src|href)=\"?https?:.*"), "nothing is fetched from the network");
    }

    @Test
    void whatCannotBeReadIsRefusedWithExitTwoNamingIt(@TempDir Path dir) {
        Cli.Result none = Cli.run("report");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("--from needs at least one report file or directory"), none::toString);

        Cli.Result missing = Cli.run("report", "--from", dir.resolve("nope.json").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file or directory: " + dir.resolve("nope.json")), missing::toString);

        Cli.Result world = Cli.run("report", "--from", Cli.sample("world.json"));
        assertEquals(2, world.exit());
        assertTrue(world.err().contains("world.json holds no report"), world::toString);

        Path broken = Cli.write(dir.resolve("store.jsonl"), "{\"requestId\": \"a\", \"status\": \"compliant\"}\n{\"requestId\": \n");
        Cli.Result bad = Cli.run("report", "--from", broken.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("store.jsonl line 3 is not JSON"), bad::toString);

        Cli.Result format = Cli.run("report", "--from", REPORTS.toString(), "--format", "pdf");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("--format must be html, csv or markdown (was \"pdf\")"), format::toString);
    }
}
