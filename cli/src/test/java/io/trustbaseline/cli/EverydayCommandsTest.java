package io.trustbaseline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands a user reaches for first: --version, help for a command, --flag=value, and validate. */
class EverydayCommandsTest {

    @Test
    void versionIsTheProjectVersionOfThePom() {
        Matcher pom = Pattern.compile("<artifactId>trust-baseline-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Cli.read(Cli.ROOT.resolve("pom.xml")));
        assertTrue(pom.find(), "the parent pom has a version");

        Cli.Result result = Cli.run("--version");

        assertEquals(0, result.exit(), result::toString);
        assertEquals("trust-baseline " + pom.group(1), result.out().strip());
    }

    @Test
    void helpRunAndRunHelpPrintTheSameHelpNamingEveryFlagOfRun() {
        Cli.Result helpRun = Cli.run("help", "run");
        Cli.Result runHelp = Cli.run("run", "--help");

        assertEquals(0, helpRun.exit(), helpRun::toString);
        assertEquals(helpRun.out(), runHelp.out());
        assertTrue(helpRun.out().startsWith("usage: trust-baseline run --event FILE"), helpRun.out());
        for (String flag : Main.specs().get("run").flags()) {
            assertTrue(helpRun.out().contains("  " + flag + " "), () -> "help run explains " + flag + ":\n" + helpRun.out());
        }
        assertEquals("", helpRun.err());
    }

    @Test
    void everyCommandHasHelpAndTheOverallUsageListsIt() {
        Cli.Result usage = Cli.run("--help");
        for (String command : Main.specs().keySet()) {
            Cli.Result help = Cli.run("help", command);
            assertEquals(0, help.exit(), help::toString);
            assertTrue(help.out().startsWith("usage: trust-baseline " + command), help.out());
            assertTrue(usage.out().contains("trust-baseline " + command), usage.out());
        }
    }

    @Test
    void flagEqualsValueIsTheSameAsFlagSpaceValue() {
        Cli.Result spaced = Cli.run("run", "--event", Cli.sample("tickets/aks-binding.json"), "--dry-run");
        Cli.Result inline = Cli.run("run", "--event=" + Cli.sample("tickets/aks-binding.json"), "--dry-run");

        assertEquals(0, inline.exit(), inline::toString);
        assertEquals("planned", inline.json().path("status").asText());
        assertEquals(spaced.json().path("targets"), inline.json().path("targets"));
    }

    @Test
    void validateNamesTheRulesAndSettingsOfEachTargetOfTheWorld() {
        Cli.Result result = Cli.run("validate", Cli.sample("baseline.yaml"));

        assertEquals(0, result.exit(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).endsWith("baseline.yaml: a valid baseline (version 1, 7 rules: ml-clusters, registries,"
                + " storage-accounts, key-vaults, ml-workspaces, eks-clusters, eks-admin-access)"), lines.get(0));
        assertEquals(List.of("ml-clusters: aks-trusted-access aml-central"), rulesOf(lines, "managedClusters/aks-prod-weu"));
        assertEquals(List.of("registries: acr-trusted-services"), rulesOf(lines, "registries/acrbasicweu"));
        assertEquals(List.of("storage-accounts: storage-trusted-services"), rulesOf(lines, "storageAccounts/stmlweu001"));
        assertEquals(List.of("key-vaults: keyvault-trusted-services"), rulesOf(lines, "vaults/kv-platform-weu"));
        assertTrue(rulesOf(lines, "eks/eks-prod").get(0).startsWith("eks-clusters, eks-admin-access: eks-pod-identity-agent,"
                + " eks-pod-identity kube-system/ebs-csi-controller-sa, eks-access-entries"), lines::toString);
    }

    @Test
    void validateSaysWhenNoRuleMatchesATarget(@TempDir Path dir) {
        Path baseline = Cli.write(dir.resolve("registries-only.yaml"), """
                version: 1
                rules:
                  - { name: registries, match: { cloud: azure, resourceType: Microsoft.ContainerRegistry/registries },
                      settings: [ { type: acr-trusted-services } ] }
                """);

        Cli.Result result = Cli.run("validate", baseline.toString(), "--world", Cli.sample("world.json"));

        assertEquals(0, result.exit(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(List.of("no rule matches"), rulesOf(lines, "managedClusters/aks-prod-weu"));
        assertEquals(List.of("registries: acr-trusted-services"), rulesOf(lines, "registries/acrplatformweu"));
    }

    @Test
    void validateWarnsOfAnExemptionLapsingSoonAndOfOneThatExemptsNothing(@TempDir Path dir) {
        String soon = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3).toString();
        Path baseline = Cli.write(dir.resolve("exemptions.yaml"), """
                version: 1
                rules:
                  - { name: registries, match: { cloud: azure, resourceType: Microsoft.ContainerRegistry/registries },
                      settings: [ { type: acr-trusted-services } ] }
                exemptions:
                  - { name: vendor, match: { cloud: azure, resourceType: Microsoft.ContainerRegistry/registries },
                      settings: [acr-trusted-services], reason: a vendor appliance, ticket: CHG1, expires: "%s" }
                  - { name: idle, match: { cloud: azure, resourceType: Microsoft.Storage/storageAccounts },
                      settings: [storage-trusted-services], reason: nothing, ticket: CHG2, expires: "%s" }
                """.formatted(soon, soon));

        Cli.Result result = Cli.run("validate", baseline.toString());

        assertEquals(0, result.exit(), result::toString);
        List<String> warnings = result.out().lines().filter(l -> l.startsWith("warning: ")).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("warning: exemptions vendor: lapses after " + soon
                + " (3 days left)")), warnings::toString);
        assertTrue(warnings.contains("warning: exemptions idle: no rule gives storage-trusted-services to the targets"
                + " it matches, so it exempts nothing"), warnings::toString);
    }

    /** What validate printed after a target's name. */
    private static List<String> rulesOf(List<String> lines, String target) {
        return lines.stream().filter(l -> l.startsWith("  " + target + " ")).map(l -> l.substring(target.length() + 2).strip()).toList();
    }
}
