package io.trustbaseline.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The compliance page: one self-contained HTML file (its style and script inline, nothing fetched) that draws the
 * targets × settings matrix, the filters, each cell's items, the exemptions in force and the trend across sweeps
 * from the data embedded in it. The page's template is {@code compliance.html} next to this class.
 */
public final class HtmlPage {
    private static final String DATA_MARK = "/*COMPLIANCE_DATA*/null";

    private HtmlPage() { }

    public static String render(Compliance compliance, Instant generated) {
        return template().replace(DATA_MARK, scriptSafe(Json.write(data(compliance, generated))));
    }

    static ObjectNode data(Compliance compliance, Instant generated) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("generated", generated.truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode severity = data.putArray("severity");
        Compliance.SEVERITY.forEach(severity::add);
        ArrayNode settings = data.putArray("settings");
        compliance.settings().forEach(settings::add);
        ArrayNode items = data.putArray("items");
        compliance.items().forEach(i -> items.add(Json.MAPPER.valueToTree(i)));
        ArrayNode runs = data.putArray("runs");
        compliance.runs().forEach(r -> runs.add(Json.MAPPER.valueToTree(r)));
        return data;
    }

    /**
     * JSON that cannot end the script element it sits in nor open a comment there: every {@code <} escaped (still
     * the same JSON), so report text such as {@code </script>} stays text.
     */
    private static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String template() {
        try (InputStream in = HtmlPage.class.getResourceAsStream("compliance.html")) {
            if (in == null) {
                throw new IllegalStateException("compliance.html is not packaged with " + HtmlPage.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
