package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.aws.local.QueueWorkers;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.sweep.SweepSummary;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schedule: the clusters of every configured account and region listed and enqueued, one work message each, on
 * trust-requests; the queue function's workers reconcile them; the sweep's summary is read from the results bucket.
 */
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

    private JsonNode launch() {
        return launch(EventLoader.loadScheduledEvent(LocalAws.SAMPLES.resolve("aws/scheduled-event.json").toString()));
    }

    private JsonNode launch(ScheduledEvent event) {
        return Json.MAPPER.valueToTree(new SweepHandler(aws.runtime).handleRequest(event, null));
    }

    /** The sweep, its work drained by two workers, then its summary as the next sweep would log it. */
    private SweepSummary sweep() {
        return sweep(EventLoader.loadScheduledEvent(LocalAws.SAMPLES.resolve("aws/scheduled-event.json").toString()));
    }

    /** A sweep of {@code event}: each schedule's event has its own id, which names the sweep. */
    private SweepSummary sweep(ScheduledEvent event) {
        launch(event);
        new QueueWorkers(aws.runtime.clients().sqs(), aws.sqs.queueUrl(LocalAws.REQUESTS), new QueueHandler(aws.runtime),
                () -> null).drain(2);
        var results = aws.runtime.sweepResults().orElseThrow();
        return results.summarize(results.latest().orElseThrow());
    }

    private static Map<String, String> attention(SweepSummary summary) {
        Map<String, String> out = new TreeMap<>();
        summary.attention().forEach(a -> out.put(a.target(), a.status().id()));
        summary.unlisted().forEach(u -> out.put(u.target(), u.status().id()));
        return out;
    }

    @Test
    void theSweepEnqueuesOneWorkMessagePerClusterAndReconcilesNothingItself() {
        aws = LocalAws.start();

        JsonNode launch = launch();

        assertEquals("sweep-5e7c3f1a-2b4d-4c6e-8f90-1a2b3c4d5e6f", launch.path("sweepId").asText());
        assertEquals(2, launch.path("enqueued").asLong());
        assertEquals(Map.of("eks:ListClusters", 1), aws.calls().byApi().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("s3:"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                "the sweep itself only lists");
        List<String> bodies = aws.runtime.clients().sqs().receiveMessage(r -> r.queueUrl(aws.sqs.queueUrl(LocalAws.REQUESTS))
                .maxNumberOfMessages(10)).messages().stream().map(m -> m.body()).toList();
        assertEquals(2, bodies.size());
        assertTrue(bodies.stream().allMatch(b -> LocalAws.json(b).path("trigger").asText().equals("sweep")
                && LocalAws.json(b).path("sweepId").asText().equals(launch.path("sweepId").asText())), bodies::toString);
    }

    @Test
    void theWorkersReconcileTheReadyClusterAndTheSummaryNamesTheDeferredOne() {
        aws = LocalAws.start();

        SweepSummary summary = sweep();

        assertEquals(2, summary.reported());
        assertEquals(0, summary.pending());
        assertEquals(Map.of("applied", 1L, "deferred", 1L), summary.byStatus());
        assertEquals(Map.of("arn:aws:eks:eu-west-1:111122223333:cluster/eks-new", "deferred"), attention(summary));
        assertEquals("deferred", summary.status().id());
        assertTrue(summary.results().startsWith("sweeps/date=2026-"), summary.results());
        assertEquals(0, aws.results().stream().filter(r -> r.path("status").asText().equals("deferred")).count() - 1,
                "each worker's report still goes to the results queue");
    }

    /**
     * Counted request by request, as the cloud counts: the spoke account's STS AssumeRole, made by the credentials
     * provider inside the listing's first call, is one of them; a first sweep and a second, steady one alike.
     */
    @Test
    void theSummarysCallsAreEveryCallTheLocalCloudSawOfTheListingAndTheWorkersAssumedRolesIncluded() {
        String everyAccount = LocalAws.sample("baseline.yaml").replace("accounts: [\"111122223333\"]", "accounts: [\"*\"]");
        aws = LocalAws.start(twoAccounts(), c -> c.withSweep(List.of("eu-west-1"), List.of(SPOKE), SWEEP_ROLE),
                LocalAws.baseline(everyAccount));

        for (String run : List.of("first", "steady")) {
            aws.calls().clear();
            ScheduledEvent event = EventLoader.loadScheduledEvent(LocalAws.SAMPLES.resolve("aws/scheduled-event.json").toString());
            event.setId(run + "-" + event.getId());
            SweepSummary summary = sweep(event);

            List<CallLog.Call> cloudCalls = aws.calls().calls().stream().filter(c -> !c.api().startsWith("s3:")).toList();
            if (run.equals("first")) {
                assertTrue(cloudCalls.stream().anyMatch(c -> c.api().equals("sts:AssumeRole")), cloudCalls::toString);
            }
            assertEquals(cloudCalls.stream().filter(c -> !c.write()).count(), summary.calls().reads(), run);
            assertEquals(cloudCalls.stream().filter(CallLog.Call::write).count(), summary.calls().writes(), run);
        }
    }

    @Test
    void aDeferredSweepTargetIsNotRedeliveredItWaitsForTheNextSweep() {
        aws = LocalAws.start();

        sweep();

        assertEquals(1, aws.calls().byApi().get("eks:DescribeCluster") - 1,
                "eks-prod and eks-new were each described once: nothing came back for another try");
    }

    @Test
    void anotherAccountIsSweptThroughItsAssumedRoleAndItsRoleIsCreatedThere() {
        String everyAccount = LocalAws.sample("baseline.yaml").replace("accounts: [\"111122223333\"]", "accounts: [\"*\"]");
        aws = LocalAws.start(twoAccounts(), c -> c.withSweep(List.of("eu-west-1"), List.of(SPOKE), SWEEP_ROLE),
                LocalAws.baseline(everyAccount));

        SweepSummary summary = sweep();

        assertEquals(3, summary.reported(), summary::toJson);
        assertFalse(attention(summary).containsKey("arn:aws:eks:eu-west-1:" + SPOKE + ":cluster/eks-spoke"));
        assertTrue(aws.account(SPOKE).path("iam").path("roles").has("eks-spoke-ebs-csi"), "the role is made in the cluster's account");
        assertTrue(!aws.account(LocalAws.ACCOUNT).path("iam").path("roles").has("eks-spoke-ebs-csi"));
    }

    @Test
    void anAccountWhoseRoleCannotBeAssumedIsReportedAndTheOthersAreStillSwept() {
        aws = LocalAws.start(World.load(LocalAws.SAMPLES.resolve("world.json")),
                c -> c.withSweep(List.of("eu-west-1"), List.of(SPOKE), SWEEP_ROLE));

        SweepSummary summary = sweep();

        assertEquals("failed", attention(summary).get("arn:aws:eks:eu-west-1:" + SPOKE + ":cluster/*"), summary::toJson);
        assertEquals(1L, summary.byStatus().get("applied"));
        assertEquals("partial", summary.status().id());
    }
}
