package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --dump-world} writes the local cloud's end state in the world format; {@code --dry-run} leaves it as seeded. */
class DumpWorldTest {
    private static final String PLATFORM = "/azure/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-platform";
    private static final String AKS_PROD = PLATFORM + "/managedClusters/aks-prod-weu";
    private static final String EKS_PROD = "/aws/accounts/111122223333/regions/eu-west-1/clusters/eks-prod";
    private static final String WORKSPACE = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml"
            + "/providers/Microsoft.MachineLearningServices/workspaces/mlw-central";

    @TempDir
    Path dir;

    private final JsonNode seed = Cli.readJson(Cli.SAMPLES.resolve("world.json"));

    @Test
    void aRunShowsTheNewAksBindingInTheDumpedWorld() {
        Path dump = dir.resolve("after.json");
        Cli.Result result = Cli.run("run", "--event", Cli.sample("azure/eventgrid-aks-created.json"), "--dump-world", dump.toString());

        assertEquals(0, result.exit(), result::toString);
        assertTrue(seed.at(AKS_PROD + "/trustedAccessRoleBindings").isEmpty(), "the seed has no binding");
        JsonNode binding = Cli.readJson(dump).at(AKS_PROD + "/trustedAccessRoleBindings/aml-central");
        assertEquals(WORKSPACE, binding.path("sourceResourceId").asText(), () -> "the binding in the dump: " + binding);
        assertEquals("Microsoft.MachineLearningServices/workspaces/mlworkload", binding.path("roles").path(0).asText());
        assertEquals(1, binding.path("roles").size());
    }

    @Test
    void theDumpIsAWorldTheNextRunCanStartFrom() {
        Path dump = dir.resolve("after.json");
        assertEquals(0, Cli.run("run", "--event", Cli.sample("azure/eventgrid-aks-created.json"), "--dump-world", dump.toString()).exit());

        Cli.Result again = Cli.run("run", "--event", Cli.sample("azure/eventgrid-aks-created.json"), "--world", dump.toString());

        assertEquals(0, again.exit(), again::toString);
        JsonNode report = again.reports().get(0);
        assertEquals("compliant", report.path("status").asText(), again::toString);
        assertEquals(0, report.path("calls").path("writes").asInt(), "a second run only reads");
    }

    @Test
    void aDryRunOfTheAzureSweepWritesNothing() {
        Path dump = dir.resolve("dry.json");
        Cli.Result result = Cli.run("run", "--event", Cli.sample("azure/timer-sweep.json"), "--dry-run", "--dump-world", dump.toString());

        JsonNode summary = result.json();
        assertTrue(summary.path("dryRun").asBoolean(), result::toString);
        assertEquals(0, summary.path("calls").path("writes").asInt(), result::toString);
        assertEquals(8, summary.path("reported").asInt(), result::toString);
        summary.path("bySetting").forEach(s -> assertFalse(s.has("applied"), () -> "nothing applied in a dry run: " + s));
        assertTrue(summary.path("bySetting").path("acr-trusted-services").has("planned"), result::toString);
        Cli.assertValidSweepSummary(summary, "dry-run sweep");
        assertEquals(seed.path("azure"), Cli.readJson(dump).path("azure"), "the Azure part of the world is as seeded");
    }

    @Test
    void aDryRunOfTheAwsSweepWritesNothing() {
        Path dump = dir.resolve("dry.json");
        Cli.Result result = Cli.run("run", "--event", Cli.sample("aws/scheduled-event.json"), "--dry-run", "--dump-world", dump.toString());

        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.json().path("dryRun").asBoolean(), result::toString);
        assertEquals(0, result.json().path("calls").path("writes").asInt(), result::toString);
        assertEquals(seed.path("aws"), Cli.readJson(dump).path("aws"), "the AWS part of the world is as seeded");
    }

    @Test
    void withoutDryRunTheAwsSweepChangesTheDumpedWorld() {
        Path dump = dir.resolve("after.json");
        Cli.Result result = Cli.run("run", "--event", Cli.sample("aws/scheduled-event.json"), "--dump-world", dump.toString());

        assertEquals(0, result.exit(), result::toString);
        JsonNode after = Cli.readJson(dump);
        assertEquals("ACTIVE", after.at(EKS_PROD + "/addons/eks-pod-identity-agent/status").asText(), () -> after.at(EKS_PROD).toString());
        assertTrue(after.at("/aws/accounts/111122223333/iam/roles/eks-prod-ebs-csi").isObject(), "the per-cluster role is created");
        assertEquals(1, after.at(EKS_PROD + "/podIdentityAssociations").size());
    }
}
