package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule: the clusters of every configured account and region, listed and reconciled into one report. */
class SweepHandlerTest {
    static final String SPOKE = "444455556666";
    static final String SWEEP_ROLE = "trust-baseline-sweep";
    LocalAws aws;

    @AfterEach
    void stop() {
        aws.close();
    }

    /** The demo world plus a second account holding the sweep role and one ACTIVE cluster. */
    private static World twoAccounts() {
        World world = World.load(LocalAws.SAMPLES.resolve("world.json"));
        world.locked(root -> {
            var spoke = ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("aws").path("accounts")).putObject(SPOKE);
            spoke.putObject("iam").putObject("roles").putObject(SWEEP_ROLE).put("path", "/");
            spoke.putObject("regions").putObject("eu-west-1").putObject("clusters").putObject("eks-spoke")
                    .put("status", "ACTIVE").put("version", "1.31");
            return null;
        });
        return world;
    }

    private JsonNode sweep() {
        ScheduledEvent event = EventLoader.loadScheduledEvent(LocalAws.SAMPLES.resolve("aws/scheduled-event.json").toString());
        Map<String, Object> report = new SweepHandler(aws.runtime).handleRequest(event, null);
        return Json.MAPPER.valueToTree(report);
    }

    private static Map<String, String> statusByTarget(JsonNode report) {
        Map<String, String> out = new java.util.TreeMap<>();
        report.path("targets").forEach(t -> out.put(t.path("target").asText(), t.path("status").asText()));
        return out;
    }

    @Test
    void theWorldsClustersAreSweptTheReadyOneAppliedTheCreatingOneDeferred() {
        aws = LocalAws.start();

        JsonNode report = sweep();

        assertEquals("sweep-5e7c3f1a-2b4d-4c6e-8f90-1a2b3c4d5e6f", report.path("requestId").asText());
        assertEquals("sweep", report.path("trigger").asText());
        assertEquals(Map.of("arn:aws:eks:eu-west-1:111122223333:cluster/eks-new", "deferred",
                "arn:aws:eks:eu-west-1:111122223333:cluster/eks-prod", "applied"), statusByTarget(report));
        assertEquals("deferred", report.path("status").asText());
        assertEquals(1, aws.calls().byApi().get("eks:ListClusters"));
    }

    @Test
    void theSweepsReportCountsItsListingAsWellAsEveryOtherCall() {
        aws = LocalAws.start();

        JsonNode calls = sweep().path("calls");

        assertEquals(aws.calls().reads(), calls.path("reads").asLong(), "the local cloud saw these reads");
        assertEquals(aws.calls().writes(), calls.path("writes").asLong());
    }

    @Test
    void anotherAccountIsSweptThroughItsAssumedRoleAndItsRoleIsCreatedThere() {
        String everyAccount = LocalAws.sample("baseline.yaml").replace("accounts: [\"111122223333\"]", "accounts: [\"*\"]");
        aws = LocalAws.start(twoAccounts(), c -> c.withSweep(List.of("eu-west-1"), List.of(SPOKE), SWEEP_ROLE),
                LocalAws.baseline(everyAccount));

        JsonNode report = sweep();

        assertEquals("applied", statusByTarget(report).get("arn:aws:eks:eu-west-1:" + SPOKE + ":cluster/eks-spoke"), report::toString);
        assertTrue(aws.account(SPOKE).path("iam").path("roles").has("eks-spoke-ebs-csi"), "the role is made in the cluster's account");
        assertTrue(!aws.account(LocalAws.ACCOUNT).path("iam").path("roles").has("eks-spoke-ebs-csi"));
        assertEquals(1, aws.calls().byApi().get("sts:AssumeRole"), "assumed once, then the credentials are reused");
    }

    @Test
    void anAccountWhoseRoleCannotBeAssumedIsReportedAndTheOthersAreStillSwept() {
        aws = LocalAws.start(World.load(LocalAws.SAMPLES.resolve("world.json")),
                c -> c.withSweep(List.of("eu-west-1"), List.of(SPOKE), SWEEP_ROLE));

        JsonNode report = sweep();

        Map<String, String> status = statusByTarget(report);
        assertEquals("failed", status.get("arn:aws:eks:eu-west-1:" + SPOKE + ":cluster/*"), report::toString);
        assertEquals("applied", status.get("arn:aws:eks:eu-west-1:111122223333:cluster/eks-prod"));
        assertEquals("partial", report.path("status").asText());
    }
}
