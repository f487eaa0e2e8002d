package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented SAM deploy is correct as written, checked against SAM's own rules where SAM cannot run here:
 * samconfig.toml's parameter overrides parse, by SAM CLI's rule for {@code --parameter-overrides}, into exactly the
 * values meant, each a parameter of template.yaml that its AllowedPattern / AllowedValues accept; the template's code
 * is the jar the build makes; and no documented command passes the baseline document on the command line.
 */
class SamConfigTest {
    static final Path INFRA = Path.of("..", "infra", "aws");

    /**
     * SAM CLI's reading of {@code Key=Value} overrides (samcli/cli/types.py, CfnParameterOverridesType, its second
     * pattern, applied to the entry with a space put in front): a key of letters, digits and quotes; a value that is
     * a double-quoted or single-quoted string (backslash escapes inside) or a run of characters without spaces or
     * quotes. Wrapping quotes are then removed and {@code \ }, {@code \"}, {@code \'} unescaped.
     */
    private static final Pattern SAM_OVERRIDE = Pattern.compile(
            " ([A-Za-z0-9\"']+)=(\"(?:\\\\.|[^\"\\\\]+)*\"|'(?:\\\\.|[^'\\\\]+)*'|(?:\\\\.|[^ \"\\\\]+)+)");

    static Map<String, String> samOverrides(String entry) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = SAM_OVERRIDE.matcher(" " + entry.strip());
        while (m.find()) {
            values.put(unquote(m.group(1)), unquote(m.group(2)));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        return value.replace("\\ ", " ").replace("\\\"", "\"").replace("\\'", "'");
    }

    private static JsonNode template() throws IOException {
        // Jackson's YAML reader keeps the values of the short-form tags (!Ref, !Sub, !If) and drops the tags.
        return new YAMLMapper().readTree(INFRA.resolve("template.yaml").toFile());
    }

    @Test
    void samsRuleCutsAnUnquotedValueAtItsFirstSpaceWhichIsWhyTheBaselineIsNotAParameterOverride() {
        assertEquals(Map.of("BaselineYaml", "version:"),
                samOverrides("BaselineYaml=version: 1\nrules:\n  - name: ml-clusters"));
        assertEquals(Map.of("SweepSchedule", "rate(6 hours)", "DryRun", "true"),
                samOverrides("SweepSchedule=\"rate(6 hours)\" DryRun=true"));
    }

    @Test
    void everyParameterOverrideOfSamconfigIsATemplateParameterWithAValueItAccepts() throws IOException {
        JsonNode config = new TomlMapper().readTree(INFRA.resolve("samconfig.toml").toFile());
        JsonNode deploy = config.path("default").path("deploy").path("parameters");
        JsonNode parameters = template().path("Parameters");

        assertTrue(Files.isRegularFile(INFRA.resolve(deploy.path("template_file").asText())), "template_file exists");
        assertEquals("CAPABILITY_IAM", deploy.path("capabilities").asText());
        assertTrue(deploy.path("parameter_overrides").isArray() && !deploy.path("parameter_overrides").isEmpty());
        for (JsonNode entry : deploy.path("parameter_overrides")) {
            Map<String, String> parsed = samOverrides(entry.asText());
            assertEquals(1, parsed.size(), () -> "one Key=Value in " + entry);
            parsed.forEach((key, value) -> {
                JsonNode parameter = parameters.path(key);
                assertTrue(parameter.isObject(), () -> key + " is a parameter of template.yaml");
                if (parameter.has("AllowedPattern")) {
                    assertTrue(Pattern.compile(parameter.path("AllowedPattern").asText()).matcher(value).matches(),
                            () -> key + "=" + value + " matches " + parameter.path("AllowedPattern"));
                }
                if (parameter.has("AllowedValues")) {
                    assertTrue(parameter.path("AllowedValues").toString().contains("\"" + value + "\""),
                            () -> key + "=" + value + " is one of " + parameter.path("AllowedValues"));
                }
            });
        }
        assertEquals("rate(6 hours)", samOverrides(deploy.path("parameter_overrides").get(2).asText()).get("SweepSchedule"),
                "a quoted value keeps its space");
    }

    @Test
    void theFunctionsAreToldTheBaselineParameterThePolicyLetsThemRead() throws IOException {
        JsonNode template = template();
        JsonNode statements = new ObjectMapper().readTree(INFRA.resolve("permissions.json").toFile()).path("Statement");
        List<JsonNode> ssm = new ArrayList<>();
        statements.forEach(st -> {
            if (st.path("Action").asText().startsWith("ssm:")) {
                ssm.add(st);
            }
        });

        assertEquals(1, ssm.size(), "one statement for Parameter Store");
        assertEquals("ssm:GetParameter", ssm.get(0).path("Action").asText());
        assertEquals("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${BaselineParameterName}",
                ssm.get(0).at("/Resource/Fn::Sub").asText(), "exactly the baseline's parameter");
        assertTrue(template.at("/Globals/Function/Environment/Variables/" + BaselineParameter.SETTING).toString()
                .contains("BaselineParameterName"), "the functions are told the same parameter");
    }

    @Test
    void theTemplatesCodeIsTheLambdaJarOfThisVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>trust-baseline-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertTrue(version.find());

        assertEquals("../../functions-aws/target/functions-aws-" + version.group(1) + "-lambda.jar",
                template().at("/Globals/Function/CodeUri").asText());
    }

    @Test
    void noDocumentedCommandPassesTheBaselineDocumentOnTheCommandLine() throws IOException {
        for (Path doc : List.of(Path.of("..", "README.md"), INFRA.resolve("README.md"))) {
            String text = Files.readString(doc);
            assertFalse(text.contains("BaselineYaml=\"$("), () -> doc + " passes the baseline through --parameter-overrides");
            assertTrue(text.contains("aws ssm put-parameter --name /trust-baseline/baseline"), () -> doc + " puts the baseline into Parameter Store");
        }
    }
}
