package io.trustbaseline.azure;

import io.trustbaseline.core.baseline.BaselineSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented Azure deploy is correct as written, checked against the tools' rules where they cannot run here.
 * The Functions Maven plugin stages {@code package} into {@code target/azure-functions/<appName>} and its {@code deploy}
 * reads that same folder, both from {@code functionAppName} (this module's pom); Bicep names the app with a unique
 * suffix. So every documented package and deploy command passes the name Bicep outputs, the same on both.
 */
class AzureDeployDocsTest {
    private static final Path BICEP = Path.of("..", "infra", "azure", "main.bicep");
    private static final List<Path> DOCS = List.of(Path.of("..", "README.md"), Path.of("..", "infra", "azure", "README.md"));
    private static final String APP_FROM_BICEP = "app=$(az deployment group create";

    @Test
    void thePluginStagesAndDeploysTheAppNamedByFunctionAppName() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));

        assertTrue(pom.contains("<appName>${functionAppName}</appName>"), "package and deploy both use functionAppName");
        assertTrue(Files.readString(BICEP).contains("output functionAppName string = app.name"), "Bicep outputs the app's name");
    }

    @Test
    void everyDocumentedPackageAndDeployPassesTheNameBicepOutputs() throws IOException {
        for (Path doc : DOCS) {
            String text = Files.readString(doc);
            int login = text.indexOf("az login");
            int bicep = text.indexOf(APP_FROM_BICEP);
            assertTrue(login >= 0 && bicep > login, () -> doc + ": az login, then the Bicep deployment that outputs the name");
            assertTrue(text.substring(bicep, text.indexOf("-o tsv)", bicep))
                    .contains("--query properties.outputs.functionAppName.value"), () -> doc + " reads the output");
            List<String> mavenLines = text.lines().filter(l -> l.contains("./mvnw") && l.contains("functions-azure")).toList();
            assertTrue(mavenLines.stream().anyMatch(l -> l.contains(" package")), () -> doc + " packages the app");
            assertTrue(mavenLines.stream().anyMatch(l -> l.contains("azure-functions:deploy")), () -> doc + " deploys it");
            for (String line : mavenLines) {
                assertTrue(line.contains("-DfunctionAppName=\"$app\""), () -> doc + ": the name Bicep output, in " + line);
            }
            assertTrue(text.contains("Owner") && text.contains("User Access Administrator"), () -> doc + " says the deployer's rights");
        }
    }

    @Test
    void theBaselineAppSettingIsAKeyVaultReferenceTheAppsIdentityMayRead() throws IOException {
        String bicep = Files.readString(BICEP);
        Matcher setting = Pattern.compile("\\{ name: '" + BaselineSource.YAML_VARIABLE + "', value: '([^']*)' }").matcher(bicep);
        assertTrue(setting.find(), "the app setting the functions read");

        // App Service's reference syntax: @Microsoft.KeyVault(VaultName=<vault>;SecretName=<secret>) (latest version).
        assertEquals("@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${baselineSecretName})", setting.group(1));
        assertTrue(bicep.contains("var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'"),
                "Key Vault Secrets User, the built-in role that reads secret contents");
        Matcher assignment = Pattern.compile("(?s)resource appReadsBaseline [^{]*\\{(.*?)\\n}").matcher(bicep);
        assertTrue(assignment.find());
        assertTrue(assignment.group(1).contains("scope: vault"), "on the vault that holds only the baseline");
        assertTrue(assignment.group(1).contains("principalId: app.identity.principalId"), "for the app's own identity");
        assertTrue(bicep.contains("enableRbacAuthorization: true"), "the vault authorises by role assignments");
    }
}
