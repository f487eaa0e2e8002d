package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code trust-baseline report} read in a real headless Chromium: the page fetches nothing, its matrix is the
 * reports' latest state, filters narrow it, a cell opens its items, and the exemptions and the trend across sweeps
 * are shown. Screenshots go to cli/target/. Without Chromium the test is skipped, unless {@code CI=true}.
 */
class CompliancePageBrowserTest {
    private static final Path REPORTS = Cli.ROOT.resolve("cli/src/test/resources/compliance");
    private static final Path PAGE = Cli.ROOT.resolve("cli/target/compliance-test/compliance.html");
    private static Chromium browser;

    @BeforeAll
    static void startChromium() throws Exception {
        Optional<Path> binary = Chromium.binary();
        if (binary.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("Chromium is required in CI for the compliance page's browser test: " + Chromium.INSTALL_HINT);
            }
            assumeTrue(false, "Chromium not found, the compliance page's browser test is skipped: " + Chromium.INSTALL_HINT);
        }
        try (var files = Files.walk(REPORTS)) {
            files.filter(f -> f.toString().endsWith(".json")).forEach(f -> Cli.assertValidReport(Cli.readJson(f), f.toString()));
        }
        Cli.Result made = Cli.run("report", "--from", REPORTS.resolve("sweeps").toString(),
                REPORTS.resolve("results.jsonl").toString(), "--out", PAGE.toString());
        assertEquals(0, made.exit(), made::toString);
        assertTrue(made.err().contains("compliance report: 4 reports, 4 targets, written to " + PAGE), made::toString);
        browser = Chromium.launch(binary.get());
        browser.send("Network.enable", null);
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void openThePage() throws Exception {
        browser.open(PAGE.toUri().toString());
    }

    /** target name → setting → the cell's text, as drawn. */
    private static Map<String, Map<String, String>> matrix() {
        JsonNode rows = browser.evaluate("""
                [...document.querySelectorAll('#matrix tbody tr')].map(tr => ({
                  name: tr.cells[0].textContent,
                  cells: Object.fromEntries([...tr.querySelectorAll('td.cell:not(.empty)')]
                                              .map(td => [td.dataset.setting, td.textContent]))}))""");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        rows.forEach(row -> {
            Map<String, String> cells = new LinkedHashMap<>();
            row.path("cells").fields().forEachRemaining(c -> cells.put(c.getKey(), c.getValue().asText()));
            out.put(row.path("name").asText(), cells);
        });
        return out;
    }

    private static void choose(String select, String value) {
        browser.evaluate("(() => { const s = document.getElementById('" + select + "'); s.value = '" + value + "';"
                + " s.dispatchEvent(new Event('change')); })()");
    }

    @Test
    void thePageFetchesNothingButItself() {
        List<String> urls = browser.requestedUrls();
        assertTrue(!urls.isEmpty(), "the navigation itself is seen");
        assertTrue(urls.stream().allMatch(u -> u.equals(PAGE.toUri().toString())), urls::toString);
    }

    @Test
    void theMatrixShowsEachItemAtItsLatestReportAndTheCellNeedingMostAttention() throws Exception {
        assertEquals(Map.of(
                "aks-prod", Map.of("aks-trusted-access", "compliant"),
                "acrlegacy01", Map.of("acr-trusted-services", "exempt"),
                "stdata01", Map.of("storage-trusted-services", "failed"),
                "eks-prod", Map.of("eks-pod-identity-agent", "compliant", "eks-pod-identity", "deferred ×2")), matrix());
        assertEquals("failed", browser.evaluate(
                "document.querySelector('tr[data-target$=\"stdata01\"] td.cell:not(.empty)').dataset.status").asText());
        assertEquals(List.of("compliant 2", "applied 1", "exempt 1", "deferred 1", "failed 1", "planned 0", "blocked 0"),
                textList(browser.evaluate("['compliant','applied','exempt','deferred','failed','planned','blocked'].map(s =>"
                        + " document.querySelector('#counts [data-status=\"' + s + '\"]').textContent)")));
        browser.screenshot(Cli.ROOT.resolve("cli/target/compliance-matrix.png"));
    }

    private static List<String> textList(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    @Test
    void filtersNarrowTheMatrixAndTheCounts() throws Exception {
        choose("f-status", "failed");
        assertEquals(Map.of("stdata01", Map.of("storage-trusted-services", "failed")), matrix());

        choose("f-status", "");
        choose("f-cloud", "aws");
        assertEquals(List.of("eks-prod"), List.copyOf(matrix().keySet()));
        assertEquals("applied 1", browser.evaluate("document.querySelector('#counts [data-status=\"applied\"]').textContent").asText());

        choose("f-cloud", "");
        choose("f-scope", "00000000-0000-0000-0000-000000000002");
        assertEquals(List.of("stdata01"), List.copyOf(matrix().keySet()));

        choose("f-scope", "");
        choose("f-setting", "eks-pod-identity");
        assertEquals(Map.of("eks-prod", Map.of("eks-pod-identity", "deferred ×2")), matrix());
        browser.screenshot(Cli.ROOT.resolve("cli/target/compliance-filtered.png"));

        browser.evaluate("document.getElementById('f-reset').click()");
        assertEquals(4, matrix().size());
    }

    @Test
    void aCellOpensItsItemsWithMessageBeforeAfterAndErrorAndKeepsReportTextAsText() throws Exception {
        browser.evaluate("document.querySelector('tr[data-target$=\"stdata01\"] td.cell:not(.empty)').click()");

        JsonNode details = browser.evaluate("""
                ({ message: document.querySelector('#details .message').textContent,
                   before: JSON.parse(document.querySelector('#details pre.before').textContent),
                   after: document.querySelector('#details pre.after').textContent,
                   error: document.querySelector('#details .error').textContent,
                   images: document.images.length, title: document.title })""");
        assertTrue(details.path("message").asText().startsWith("access denied: the function lacks"
                + " Microsoft.Storage/storageAccounts/write </script><img"), details::toString);
        assertEquals("Logging, Metrics", details.path("before").path("bypass").asText(), "the latest report's before");
        assertEquals("null", details.path("after").asText());
        assertTrue(details.path("error").asText().startsWith("error AuthorizationFailed: "), details::toString);
        assertTrue(details.path("error").asText().endsWith("(missing Microsoft.Storage/storageAccounts/write)"));
        assertEquals(0, details.path("images").asInt(), "markup in a report is shown, never run");
        assertEquals("trust-baseline compliance", details.path("title").asText());
        browser.screenshot(Cli.ROOT.resolve("cli/target/compliance-cell.png"));

        browser.evaluate("document.querySelector('tr[data-target$=\"eks-prod\"] td.cell[data-setting=\"eks-pod-identity\"]').click()");
        assertEquals(List.of("applied", "deferred"), textList(browser.evaluate(
                "[...document.querySelectorAll('#details .item')].map(i => i.querySelector('span').textContent.trim())")));
    }

    @Test
    void theExemptionsInForceAndTheTrendAcrossSweepsAreShown() {
        assertEquals(List.of("acrlegacy01", "acr-trusted-services", "acr-trusted-services",
                        "vendor appliance pulls over the public endpoint", "CHG0040001", "2027-03-31"),
                textList(browser.evaluate("[...document.querySelectorAll('#exemptions tbody tr td')].map(td => td.textContent)")));
        assertTrue(browser.evaluate("document.getElementById('lapsed-none').hidden === false").asBoolean());

        assertTrue(browser.evaluate("document.getElementById('trend').hidden === false").asBoolean());
        JsonNode trend = browser.evaluate("""
                [...document.querySelectorAll('#trend tbody tr')].map(tr => ({ sweep: tr.dataset.request,
                  counts: Object.fromEntries([...tr.querySelectorAll('td[data-status]')].map(td => [td.dataset.status, +td.textContent])) }))""");
        assertEquals(2, trend.size(), trend::toString);
        assertEquals("sweep-2026-11-30", trend.get(0).path("sweep").asText());
        assertArrayEquals(new int[] {1, 1, 1, 0}, counts(trend.get(0), "applied", "exempt", "failed", "compliant"));
        assertEquals("sweep-2026-12-01", trend.get(1).path("sweep").asText());
        assertArrayEquals(new int[] {0, 1, 1, 1}, counts(trend.get(1), "applied", "exempt", "failed", "compliant"));
    }

    private static int[] counts(JsonNode row, String... statuses) {
        return java.util.Arrays.stream(statuses).mapToInt(s -> row.path("counts").path(s).asInt()).toArray();
    }
}
