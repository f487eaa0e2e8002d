package io.trustbaseline.core.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.Samples;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.setting.Catalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documents that cannot be generated from the target types are checked against them here. */
class TargetTypeTest {

    @Test
    void theEventGridSubscriptionOfTheInfraTemplateFiltersExactlyTheWritesOfTheAzureTypes() throws IOException {
        String bicep = Files.readString(Path.of("..", "infra", "azure", "main.bicep"));
        Matcher filter = Pattern.compile("key: 'data.operationName'\\s+values: \\[([^\\]]*)]").matcher(bicep);
        assertTrue(filter.find(), "main.bicep filters data.operationName");
        List<String> filtered = new ArrayList<>();
        Matcher value = Pattern.compile("'([^']+)'").matcher(filter.group(1));
        while (value.find()) {
            filtered.add(value.group(1));
        }
        assertEquals(TargetType.of(Cloud.AZURE).stream().map(TargetType::writeOperation).toList(), filtered);
    }

    @Test
    void theBaselineSchemaOffersExactlyTheResourceTypesOfTheTargetTypes() throws IOException {
        JsonNode schema = Json.MAPPER.readTree(Samples.dir().resolve("schema/baseline.schema.json").toFile());
        Set<String> offered = new TreeSet<>();
        schema.findParents("resourceType").stream().map(p -> p.get("resourceType").path("enum"))
                .filter(JsonNode::isArray).forEach(e -> e.forEach(v -> offered.add(v.asText())));
        assertEquals(Arrays.stream(TargetType.values()).map(TargetType::resourceType)
                .collect(Collectors.toCollection(TreeSet::new)), offered);
    }

    @Test
    void everySettingAppliesToRegisteredTypesOnly() {
        Catalog catalog = Catalog.standard();
        for (String type : catalog.types()) {
            catalog.find(type).orElseThrow().resourceTypes().forEach(resourceType ->
                    assertTrue(TargetType.of(resourceType).isPresent(), type + " applies to unregistered " + resourceType));
        }
    }

    @Test
    void aTypeIsFoundByItsResourceTypeWithoutCaseAndItsNameRuleIsTheCloudOne() {
        assertEquals(TargetType.STORAGE_ACCOUNT, TargetType.of("microsoft.storage/STORAGEACCOUNTS").orElseThrow());
        assertTrue(TargetType.of("Microsoft.Sql/servers").isEmpty());
        assertTrue(TargetType.STORAGE_ACCOUNT.nameRule().accepts("stprod01"));
        assertFalse(TargetType.STORAGE_ACCOUNT.nameRule().accepts("St-Prod"));
        assertEquals(List.of(TargetType.EKS_CLUSTER), TargetType.of(Cloud.AWS));
    }
}
