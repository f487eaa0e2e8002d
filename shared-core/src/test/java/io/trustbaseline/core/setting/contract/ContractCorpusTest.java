package io.trustbaseline.core.setting.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.request.RequestParser;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.Setting;
import io.trustbaseline.core.target.TargetType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared corpus ({@code src/test/resources/contract-corpus/}): every case runs through the parser and through a
 * JSON Schema validator with the generated schemas, and both must give the case's verdict, at the case's field. A
 * case marked {@code schemaCannotSee} is a rule only the parser checks: the schema must accept it, and the parser
 * must reject it.
 */
class ContractCorpusTest {
    private static final Catalog CATALOG = Catalog.standard();
    private static final SchemaGenerator GENERATOR = new SchemaGenerator(CATALOG);
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    private static final JsonSchema REQUEST_SCHEMA = FACTORY.getSchema(GENERATOR.request(), CONFIG);
    private static final JsonSchema BASELINE_SCHEMA = FACTORY.getSchema(GENERATOR.baseline(), CONFIG);

    @TestFactory
    Stream<DynamicTest> everyItemCaseGetsTheSameVerdictFromTheParserAndTheSchema() {
        JsonNode corpus = corpus("items.json");
        return cases(corpus).map(c -> DynamicTest.dynamicTest(c.path("name").asText(), () -> {
            boolean ticket = c.path("where").asText().equals("ticket");
            String resourceType = resourceTypeOf(c.path("item").path("type").asText());
            ObjectNode doc = Json.MAPPER.createObjectNode();
            List<FieldError> parserErrors;
            Set<ValidationMessage> schemaErrors;
            String prefix;
            if (ticket) {
                doc.put("schemaVersion", 1).put("requestId", "corpus-1").put("requestedBy", "contract-corpus")
                        .put("action", c.path("action").asText());
                doc.set("target", corpus.path("targets").path(resourceType));
                doc.putArray("settings").add(c.path("item"));
                parserErrors = errors(() -> new RequestParser(CATALOG).parse(doc.toString(), Trigger.TICKET));
                schemaErrors = REQUEST_SCHEMA.validate(doc);
                prefix = "settings[0]";
            } else {
                doc.put("version", 1);
                ObjectNode rule = doc.putArray("rules").addObject().put("name", "corpus");
                rule.putObject("match").put("cloud", TargetType.of(resourceType).orElseThrow().cloud().id())
                        .put("resourceType", resourceType);
                rule.putArray("settings").add(c.path("item"));
                parserErrors = errors(() -> new BaselineLoader(CATALOG).parse(doc.toString()));
                schemaErrors = BASELINE_SCHEMA.validate(doc);
                prefix = "rules[0].settings[0]";
            }
            assertVerdict(c, prefix, parserErrors, schemaErrors);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyGuardrailsCaseGetsTheSameVerdictFromTheLoaderAndTheSchema() {
        return cases(corpus("guardrails.json")).map(c -> DynamicTest.dynamicTest(c.path("name").asText(), () -> {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("version", 1);
            doc.putArray("rules");
            doc.set("guardrails", c.path("guardrails"));
            assertVerdict(c, "guardrails", errors(() -> new BaselineLoader(CATALOG).parse(doc.toString())),
                    BASELINE_SCHEMA.validate(doc));
        }));
    }

    /** A new setting or guardrail key comes with its cases: each declared field is broken by at least one case. */
    @Test
    void theCorpusBreaksEveryFieldOfEverySettingAndEveryGuardrailKey() {
        List<String> missing = new ArrayList<>();
        List<JsonNode> items = cases(corpus("items.json")).toList();
        for (String type : CATALOG.types()) {
            for (FieldSpec field : CATALOG.find(type).orElseThrow().contract().fields()) {
                boolean broken = items.stream().anyMatch(c -> c.path("item").path("type").asText().equals(type)
                        && c.path("verdict").asText().equals("invalid") && c.path("path").asText().startsWith(field.name()));
                boolean valid = items.stream().anyMatch(c -> c.path("item").path("type").asText().equals(type)
                        && c.path("verdict").asText().equals("valid"));
                if (!broken || !valid) {
                    missing.add(type + "." + field.name());
                }
            }
        }
        List<JsonNode> guardrails = cases(corpus("guardrails.json")).toList();
        for (FieldSpec key : CATALOG.guardrailKeys()) {
            if (guardrails.stream().noneMatch(c -> c.path("path").asText().startsWith(key.name()))) {
                missing.add("guardrails." + key.name());
            }
        }
        assertEquals(List.of(), missing, "fields without a valid and an invalid case in contract-corpus/");
    }

    private static void assertVerdict(JsonNode c, String prefix, List<FieldError> parserErrors,
                                      Set<ValidationMessage> schemaErrors) {
        String schemaSays = schemaErrors.stream().map(m -> m.getInstanceLocation() + " " + m.getType())
                .sorted().collect(Collectors.joining("; "));
        if (c.path("verdict").asText().equals("valid")) {
            assertEquals(List.of(), parserErrors, "the parser rejects a valid case");
            assertTrue(schemaErrors.isEmpty(), () -> "the schema rejects a valid case: " + schemaSays);
            return;
        }
        String path = c.path("path").asText();
        String field = path.isEmpty() ? prefix : prefix + "." + path;
        String rule = c.path("rule").asText();
        assertTrue(parserErrors.stream().anyMatch(e -> e.field().equals(field) && e.rule().equals(rule)),
                () -> "the parser does not reject " + field + " by " + rule + ": " + parserErrors);
        if (c.has("schemaCannotSee")) {
            assertTrue(schemaErrors.isEmpty(), () -> "the case says the schema cannot see it, but the schema rejects"
                    + " it: " + schemaSays);
            return;
        }
        String pointer = pointer(field);
        String item = pointer(prefix);
        assertTrue(schemaErrors.stream().map(m -> m.getInstanceLocation().toString()).anyMatch(at -> at.equals(pointer)
                        || pointer.startsWith(at + "/") && (at + "/").startsWith(item + "/") || at.startsWith(pointer + "/")),
                () -> "the schema does not reject " + pointer + " (the parser's " + field + "): " + schemaSays);
    }

    /** {@code rules[0].settings[0].role.name} as a JSON pointer: {@code /rules/0/settings/0/role/name}. */
    private static String pointer(String path) {
        return "/" + path.replace("[", ".").replace("]", "").replace(".", "/");
    }

    private static List<FieldError> errors(Runnable parse) {
        try {
            parse.run();
            return List.of();
        } catch (InvalidInputException e) {
            return e.errors();
        }
    }

    private static String resourceTypeOf(String settingType) {
        Setting<?> setting = CATALOG.find(settingType).orElseThrow(() -> new AssertionError("no setting " + settingType));
        return setting.resourceTypes().stream().sorted().findFirst().orElseThrow();
    }

    private static Stream<JsonNode> cases(JsonNode corpus) {
        return StreamSupport.stream(corpus.path("cases").spliterator(), false);
    }

    private static JsonNode corpus(String name) {
        try (InputStream in = ContractCorpusTest.class.getResourceAsStream("/contract-corpus/" + name)) {
            assertFalse(in == null, "contract-corpus/" + name);
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
