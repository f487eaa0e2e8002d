package io.trustbaseline.core.schema;

import io.trustbaseline.core.Samples;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.contract.SchemaGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The published request and baseline schemas are generated from the settings' contracts and the target types; the
 * checked-in files must be what the generator produces. To refresh them after changing a setting's contract:
 * {@code ./mvnw -B -ntp -q -pl shared-core verify -Dtest=SchemaFilesTest -Dschemas.write=true}.
 */
class SchemaFilesTest {
    private static final SchemaGenerator GENERATOR = new SchemaGenerator(Catalog.standard());

    @ParameterizedTest
    @ValueSource(strings = {"request", "baseline"})
    void theCheckedInSchemaIsTheGeneratedOne(String name) throws IOException {
        String generated = name.equals("request") ? GENERATOR.request() : GENERATOR.baseline();
        Path file = Samples.dir().resolve("schema/" + name + ".schema.json");
        if (Boolean.getBoolean("schemas.write")) {
            Files.writeString(file, generated);
        }
        assertEquals(generated, Files.readString(file), "events-samples/schema/" + name + ".schema.json differs from"
                + " what the settings' contracts and the target types give: refresh it with ./mvnw -B -ntp -q -pl"
                + " shared-core verify -Dtest=SchemaFilesTest -Dschemas.write=true (and check the diff)");
    }
}
