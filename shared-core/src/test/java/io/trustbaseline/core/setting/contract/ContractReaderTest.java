package io.trustbaseline.core.setting.contract;

import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.GuardScope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader's handling of the shapes the catalog's settings use least (enums, whole numbers, arrays of objects,
 * rules on a field's value), on a contract written for the test.
 */
class ContractReaderTest {
    private static final ItemContract SCOPE = ItemContract.of("a scope",
            FieldSpec.string("kind", "cluster or namespace").required().oneOf("cluster", "namespace"),
            FieldSpec.strings("namespaces", "namespaces").items(0, 3))
            .requiredWhen("kind", "namespace", "namespaces", "required", "a namespace scope names namespaces")
            .forbiddenWhen("kind", "cluster", "namespaces", "cluster-scope", "a cluster scope names none");
    private static final ItemContract CONTRACT = ItemContract.of("a test item",
            FieldSpec.integer("count", "a whole number").required(),
            FieldSpec.objects("scopes", "scopes", SCOPE).items(1, 2));

    private static List<String> errors(String json) throws Exception {
        Problems problems = new Problems();
        Fields fields = Fields.of(Json.MAPPER.readTree(json), "item", problems);
        ContractReader.read(CONTRACT, fields, Action.ENSURE, GuardScope.BASELINE);
        fields.rejectUnknown();
        return problems.all().stream().map(e -> e.field() + " " + e.rule()).toList();
    }

    @Test
    void aValidItemReadsIntoCheckedValues() throws Exception {
        Problems problems = new Problems();
        Fields fields = Fields.of(Json.MAPPER.readTree("{\"count\": 2, \"scopes\": [{\"kind\": \"namespace\","
                + " \"namespaces\": [\"a\", \"b\"]}, {\"kind\": \"cluster\"}]}"), "item", problems);
        Checked item = ContractReader.read(CONTRACT, fields, Action.ENSURE, GuardScope.BASELINE);

        assertTrue(item.complete(), () -> problems.all().toString());
        assertEquals(2, item.integer("count"));
        assertEquals(List.of("a", "b"), item.objects("scopes").get(0).strings("namespaces"));
        assertEquals("cluster", item.objects("scopes").get(1).string("kind"));
    }

    @Test
    void eachBrokenRuleIsRecordedAtItsField() throws Exception {
        assertEquals(List.of("item.count type", "item.scopes[0].kind enum", "item.scopes[1] type"),
                errors("{\"count\": \"2\", \"scopes\": [{\"kind\": \"region\"}, 7]}"));
        assertEquals(List.of("item.count required", "item.scopes min-items"), errors("{\"scopes\": []}"));
        assertEquals(List.of("item.scopes max-items"), errors("{\"count\": 1, \"scopes\": [{\"kind\": \"cluster\"},"
                + " {\"kind\": \"cluster\"}, {\"kind\": \"cluster\"}]}"));
        assertEquals(List.of("item.scopes[0].colour unknown-field"),
                errors("{\"count\": 1, \"scopes\": [{\"kind\": \"cluster\", \"colour\": \"red\"}]}"));
    }

    @Test
    void aRuleOnAFieldsValueRequiresOrForbidsAnother() throws Exception {
        assertEquals(List.of("item.scopes[0].namespaces required"),
                errors("{\"count\": 1, \"scopes\": [{\"kind\": \"namespace\", \"namespaces\": []}]}"));
        assertEquals(List.of("item.scopes[0].namespaces cluster-scope"),
                errors("{\"count\": 1, \"scopes\": [{\"kind\": \"cluster\", \"namespaces\": [\"a\"]}]}"));
        assertEquals(List.of(), errors("{\"count\": 1, \"scopes\": [{\"kind\": \"cluster\", \"namespaces\": []}]}"),
                "an empty list is no namespace");
    }
}
