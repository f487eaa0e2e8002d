package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.delivery.DeliveryPolicy;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.trustbaseline.aws.LocalAws.ACCOUNT;
import static io.trustbaseline.aws.LocalAws.sample;
import static io.trustbaseline.aws.LocalAws.sqsEvent;
import static io.trustbaseline.aws.LocalAws.sqsEventFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue function end to end: SQS event in, the real SDK clients against the local cloud, reports out. */
class QueueHandlerTest {
    static final String EBS_ROLE = "eks-prod-ebs-csi";
    static final String EBS_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";
    static final String PAYMENTS_ROLE = "arn:aws:iam::111122223333:role/workload/payments-api";

    LocalAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private QueueResponse handle(SQSEvent event) {
        return new QueueHandler(aws.runtime).handleRequest(event, null);
    }

    private static List<String> failedIds(QueueResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }

    private static JsonNode report(QueueResponse response, int i) {
        return Json.MAPPER.valueToTree(response.getReports().get(i));
    }

    private static JsonNode item(JsonNode report, String setting) {
        for (JsonNode item : report.path("targets").path(0).path("items")) {
            if (item.path("setting").asText().equals(setting)) {
                return item;
            }
        }
        throw new AssertionError("no " + setting + " item in " + report);
    }

    private JsonNode association(String cluster, String namespace) {
        for (JsonNode a : aws.cluster(cluster).path("podIdentityAssociations")) {
            if (a.path("namespace").asText().equals(namespace)) {
                return a;
            }
        }
        throw new AssertionError("no association in " + namespace);
    }

    @Test
    void aNewActiveClusterEventGetsTheAgentATrustedRoleWithItsPolicyAndTheAssociationAllVerified() {
        aws = LocalAws.start();

        QueueResponse response = handle(sqsEventFile("aws/sqs-eks-create-cluster.json"));

        assertEquals(List.of(), failedIds(response));
        JsonNode report = report(response, 0);
        assertEquals("applied", report.path("status").asText(), report::toString);
        assertEquals("event", report.path("trigger").asText());
        assertEquals("arn:aws:eks:eu-west-1:111122223333:cluster/eks-prod", report.path("targets").path(0).path("target").asText());
        assertEquals("applied", item(report, "eks-pod-identity-agent").path("status").asText());
        assertEquals("applied", item(report, "eks-pod-identity").path("status").asText());

        assertEquals("ACTIVE", aws.cluster("eks-prod").path("addons").path("eks-pod-identity-agent").path("status").asText());
        ObjectNode role = aws.role(EBS_ROLE);
        JsonNode statement = role.path("assumeRolePolicyDocument").path("Statement").path(0);
        assertEquals("pods.eks.amazonaws.com", statement.path("Principal").path("Service").asText());
        assertEquals(List.of("sts:AssumeRole", "sts:TagSession"), Json.MAPPER.convertValue(statement.path("Action"), List.class));
        assertEquals(List.of(EBS_POLICY), Json.MAPPER.convertValue(role.path("attachedPolicyArns"), List.class));
        assertEquals("true", role.path("tags").path("trust-baseline:managed").asText());
        JsonNode association = association("eks-prod", "kube-system");
        assertEquals("ebs-csi-controller-sa", association.path("serviceAccount").asText());
        assertEquals("arn:aws:iam::111122223333:role/" + EBS_ROLE, association.path("roleArn").asText());

        List<JsonNode> results = aws.results();
        assertEquals(1, results.size());
        assertEquals("applied", results.get(0).path("status").asText());
    }

    @Test
    void aNewClusterIsVerifiedFromTheWritesAnswersThatAreTheFinalStateAndReadsAgainOnlyWhatTheyDoNotAnswer() {
        aws = LocalAws.start();

        QueueResponse response = handle(sqsEventFile("aws/sqs-eks-create-cluster.json"));

        JsonNode report = report(response, 0);
        assertEquals("applied", item(report, "eks-pod-identity").path("status").asText(), report::toString);
        Map<String, Integer> byApi = aws.calls().byApi();
        assertEquals(1, byApi.get("eks:ListPodIdentityAssociations"), byApi::toString);
        assertFalse(byApi.containsKey("eks:DescribePodIdentityAssociation"), byApi::toString);
        assertEquals(1, byApi.get("iam:ListAttachedRolePolicies"), "AttachRolePolicy answers nothing: read to verify");
        assertEquals(2, byApi.get("eks:DescribeAddon"), "CreateAddon answers CREATING: read to verify");
        assertEquals(2, byApi.get("iam:GetRole"), "the plans' only: the workload role's and the admin role's");
        assertEquals(1, byApi.get("eks:DescribeAccessEntry"), "the admin entry, read once and not written");
        assertEquals(2, byApi.get("eks:ListAssociatedAccessPolicies"), "AssociateAccessPolicy answers one policy");
        assertEquals(byApi.values().stream().mapToLong(Integer::longValue).sum(),
                report.path("calls").path("reads").asLong() + report.path("calls").path("writes").asLong(),
                "the report counts what the cloud served");
    }

    @Test
    void aCreateRoleWhoseAnswerIsLostIsRetriedMeetsEntityAlreadyExistsAndTheRestIsAppliedOnce() {
        aws = LocalAws.start();
        aws.cloud.world().addFault(new Fault("iam:CreateRole", "ServiceFailure", 500, null, 1, true));

        QueueResponse response = handle(sqsEventFile("aws/sqs-eks-create-cluster.json"));

        assertEquals(List.of(), failedIds(response));
        JsonNode report = report(response, 0);
        assertEquals("applied", item(report, "eks-pod-identity").path("status").asText(), report::toString);
        assertEquals(List.of(500, 409), aws.calls().calls().stream().filter(c -> c.api().equals("iam:CreateRole"))
                .map(CallLog.Call::status).toList(), "the lost answer, then the retry that found the role");
        assertEquals(1, aws.calls().byApi().get("iam:AttachRolePolicy"));
        assertEquals(1, aws.calls().byApi().get("eks:CreatePodIdentityAssociation"));
        assertEquals(List.of(EBS_POLICY), Json.MAPPER.convertValue(aws.role(EBS_ROLE).path("attachedPolicyArns"), List.class));
        assertEquals("arn:aws:iam::111122223333:role/" + EBS_ROLE, association("eks-prod", "kube-system").path("roleArn").asText());
        aws.calls().clear();
        assertEquals("compliant", report(handle(sqsEventFile("aws/sqs-eks-create-cluster.json")), 0).path("status").asText());
        assertEquals(0, aws.calls().writes());
    }

    @Test
    void theSameEventAgainOnlyReadsAndIsCompliant() {
        aws = LocalAws.start();
        handle(sqsEventFile("aws/sqs-eks-create-cluster.json"));
        aws.calls().clear();

        QueueResponse again = handle(sqsEventFile("aws/sqs-eks-create-cluster.json"));

        assertEquals(List.of(), failedIds(again));
        assertEquals("compliant", report(again, 0).path("status").asText(), () -> report(again, 0).toString());
        assertEquals(0, aws.calls().writes(), () -> aws.calls().byApi().toString());
        assertEquals(0, report(again, 0).path("calls").path("writes").asInt());
        assertTrue(aws.calls().reads() > 0);
    }

    @Test
    void aCreatingClusterComesBackAsADelayedMessageWithNothingWrittenNoReportYetAndNoReceiveCounted() {
        aws = LocalAws.start();

        QueueResponse response = handle(sqsEvent(sample("aws/eventbridge-eks-create-cluster-legacy.json")));

        assertEquals(List.of(), failedIds(response), "acknowledged: it comes back as a new message");
        assertEquals("deferred", report(response, 0).path("status").asText());
        assertEquals(0, aws.calls().writes());
        assertEquals(Map.of("eks:DescribeCluster", 1), aws.calls().byApi());
        assertEquals(List.of(), aws.results(), "no report while the work is waiting");
        assertEquals(0, aws.drain(LocalAws.REQUESTS).size(), "not visible before its delay");
        assertEquals("1", aws.queueAttribute(LocalAws.REQUESTS, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    @Test
    void workStillNotReadyAtItsDeadlineGoesToTheDeadLetterQueueWithItsReasonAndAReport() {
        aws = LocalAws.start(World.load(LocalAws.SAMPLES.resolve("world.json")),
                c -> c.withDelivery(DeliveryPolicy.standard().withDeadline(Duration.ofHours(2))));
        SQSEvent event = sqsEvent(sample("aws/eventbridge-eks-create-cluster-legacy.json"));
        long threeHoursAgo = System.currentTimeMillis() - Duration.ofHours(3).toMillis();
        event.getRecords().get(0).setAttributes(Map.of("SentTimestamp", String.valueOf(threeHoursAgo)));

        QueueResponse response = handle(event);

        assertEquals(List.of(), failedIds(response));
        List<Message> dead = aws.drain(LocalAws.DEAD_LETTERS);
        assertEquals(1, dead.size());
        String reason = dead.get(0).messageAttributes().get(SqsWorkQueue.REASON_ATTRIBUTE).stringValue();
        assertTrue(reason.startsWith("the target is CREATING, not ready; nothing written — still so after 2 h"), reason);
        assertEquals(reason, LocalAws.json(dead.get(0).body()).path("deadLetterReason").asText());
        JsonNode report = aws.results().get(0);
        assertEquals("failed", report.path("status").asText());
        assertEquals("readiness-deadline", report.path("errors").path(0).path("rule").asText());
        assertEquals(0, aws.calls().writes());
    }

    @Test
    void aTicketForAnAzureTargetIsRejectedOnceNamingTheTargetAndTheCloudRule() {
        aws = LocalAws.start();
        String azureTicket = """
                {"schemaVersion": 1, "requestId": "CHG-AZ-ON-AWS", "requestedBy": "alice@example.com", "target": {"azureResourceId":
                 "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"}}""";

        QueueResponse response = handle(sqsEvent(azureTicket));

        assertEquals(List.of(), failedIds(response), "not redelivered");
        JsonNode rejection = aws.results().get(0);
        assertEquals("rejected", rejection.path("status").asText());
        assertEquals("target", rejection.path("errors").path(0).path("field").asText());
        assertEquals("cloud", rejection.path("errors").path(0).path("rule").asText());
        assertEquals(List.of(), aws.calls().calls(), "no cloud call");
        assertEquals(List.of(), aws.drain(LocalAws.REQUESTS));
    }

    @Test
    void withTooLittleOfTheInvocationLeftTheRestOfTheBatchIsEnqueuedAgainAsItWasAndAcknowledged() {
        aws = LocalAws.start();
        String ticket = sample("tickets/refused/bad-fields.json");
        String event = sample("aws/eventbridge-eks-create-cluster.json");
        // What the second message needs: its budget and end, and the third's postponing and a sweep record after it.
        Duration reserve = DeliveryLimits.startReserve(aws.runtime.config().callTimeout(), QueueHandler.batchWritesAfter(1, 0));
        LambdaClock almostOut = new LambdaClock(reserve.toMillis());

        QueueResponse response = new QueueHandler(aws.runtime).handleRequest(sqsEvent(ticket, event, event), almostOut);

        assertEquals(List.of(), failedIds(response));
        assertEquals(1, response.getReports().size(), "only the first message was started");
        List<Message> again = aws.drain(LocalAws.REQUESTS);
        assertEquals(2, again.size());
        for (Message m : again) {
            JsonNode work = LocalAws.json(m.body());
            assertEquals(0, work.path("attempt").asInt(), "postponing is not an attempt");
            assertEquals("event", work.path("trigger").asText());
        }
        assertEquals(0, aws.calls().writes());
    }

    @Test
    void withTheRestOfTheBatchCoveredEveryMessageStarts() {
        aws = LocalAws.start();
        String ticket = sample("tickets/refused/bad-fields.json");
        Duration reserve = DeliveryLimits.startReserve(aws.runtime.config().callTimeout(), QueueHandler.batchWritesAfter(1, 0));

        QueueResponse response = new QueueHandler(aws.runtime).handleRequest(sqsEvent(ticket, ticket, ticket),
                new LambdaClock(reserve.toMillis() + 1));

        assertEquals(3, response.getReports().size(), "all three started");
        assertEquals(List.of(), aws.drain(LocalAws.REQUESTS), "nothing postponed");
    }

    @Test
    void aCreateClusterCallThatFailedIsIgnoredWithNothingToDo() {
        aws = LocalAws.start();
        ObjectNode event = (ObjectNode) LocalAws.json(sample("aws/eventbridge-eks-create-cluster.json"));
        ((ObjectNode) event.get("detail")).put("errorCode", "ResourceLimitExceededException").remove("responseElements");

        QueueResponse response = handle(sqsEvent(event.toString()));

        assertEquals(List.of(), failedIds(response));
        JsonNode report = report(response, 0);
        assertEquals("ignored", report.path("status").asText());
        assertTrue(report.path("targets").path(0).path("message").asText().contains("no cluster was created"));
        assertEquals(List.of(), aws.calls().calls());
    }

    @Test
    void anAssociationWithAnotherRoleIsPointedAtTheTicketsRole() {
        World world = World.load(LocalAws.SAMPLES.resolve("world.json"));
        world.locked(root -> {
            ObjectNode account = (ObjectNode) root.path("aws").path("accounts").path(ACCOUNT);
            account.with("iam").with("roles").putObject("payments-old").put("path", "/workload/")
                    .set("assumeRolePolicyDocument", LocalAws.json("{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
            ((ObjectNode) account.path("regions").path("eu-west-1").path("clusters").path("eks-prod"))
                    .withArray("podIdentityAssociations").addObject().put("associationId", "a-0000000000000old1")
                    .put("namespace", "payments").put("serviceAccount", "payments-api")
                    .put("roleArn", "arn:aws:iam::111122223333:role/workload/payments-old")
                    // created by trust-baseline for an earlier ticket: a request re-points only its own associations
                    .putObject("tags").put("trust-baseline:managed", "true");
            return null;
        });
        aws = LocalAws.start(world, c -> c);

        QueueResponse response = handle(sqsEventFile("aws/sqs-ticket.json"));

        JsonNode report = report(response, 0);
        assertEquals("applied", report.path("status").asText(), report::toString);
        assertEquals("update", item(report, "eks-pod-identity").path("action").asText());
        JsonNode association = association("eks-prod", "payments");
        assertEquals("a-0000000000000old1", association.path("associationId").asText());
        assertEquals(PAYMENTS_ROLE, association.path("roleArn").asText());
        assertEquals(1, aws.calls().byApi().get("eks:UpdatePodIdentityAssociation"));
        assertFalse(aws.calls().byApi().containsKey("eks:CreatePodIdentityAssociation"));
    }

    @Test
    void aRoleWithAWrongTrustPolicyGetsThePodIdentityStatementAddedAndKeepsItsOthers() {
        World world = World.load(LocalAws.SAMPLES.resolve("world.json"));
        String ec2Trust = """
                {"Version":"2012-10-17","Statement":[{"Sid":"Ec2","Effect":"Allow",
                 "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        world.locked(root -> ((ObjectNode) root.path("aws").path("accounts").path(ACCOUNT).path("iam").path("roles")
                .path("payments-api")).set("assumeRolePolicyDocument", LocalAws.json(ec2Trust)));
        aws = LocalAws.start(world, c -> c);

        QueueResponse response = handle(sqsEventFile("aws/sqs-ticket.json"));

        assertEquals("applied", report(response, 0).path("status").asText(), () -> report(response, 0).toString());
        JsonNode statements = aws.role("payments-api").path("assumeRolePolicyDocument").path("Statement");
        assertEquals(2, statements.size(), statements::toString);
        assertEquals("ec2.amazonaws.com", statements.path(0).path("Principal").path("Service").asText());
        assertEquals("pods.eks.amazonaws.com", statements.path(1).path("Principal").path("Service").asText());
        assertEquals(1, aws.calls().byApi().get("iam:UpdateAssumeRolePolicy"));
        assertEquals(PAYMENTS_ROLE, association("eks-prod", "payments").path("roleArn").asText());
    }

    @Test
    void throttlingInjectedTwiceIsRetriedAndTheEventStillApplies() {
        aws = LocalAws.start();
        aws.cloud.world().addFault(new Fault("eks:CreatePodIdentityAssociation", "ThrottlingException", null, null, 2));

        QueueResponse response = handle(sqsEventFile("aws/sqs-eks-create-cluster.json"));

        assertEquals(List.of(), failedIds(response));
        assertEquals("applied", report(response, 0).path("status").asText(), () -> report(response, 0).toString());
        assertEquals(3, aws.calls().byApi().get("eks:CreatePodIdentityAssociation"));
        assertEquals(1, aws.cluster("eks-prod").path("podIdentityAssociations").size());
    }

    @Test
    void anInvalidTicketGetsARejectionOnTheResultsQueueIsNotRetriedAndWritesNothing() {
        aws = LocalAws.start();

        QueueResponse response = handle(sqsEvent(sample("tickets/refused/bad-fields.json")));

        assertEquals(List.of(), failedIds(response));
        JsonNode rejection = aws.results().get(0);
        assertEquals("rejected", rejection.path("status").asText());
        assertEquals("CHG0031602", rejection.path("requestId").asText());
        List<String> fields = rejection.path("errors").findValuesAsText("field");
        assertTrue(fields.contains("dryRun") && fields.contains("priority"), fields::toString);
        assertEquals(List.of(), aws.calls().calls(), "no cloud call for a refused ticket");
    }

    @Test
    void aMixedBatchAnswersTwoAndPutsTheOneWhoseClusterIsNotReadyBackWithADelay() {
        aws = LocalAws.start();

        SQSEvent batch = sqsEventFile("aws/sqs-mixed-batch.json");
        // The sample was sent long ago; sent now, its not-ready message is within its readiness deadline.
        batch.getRecords().forEach(m -> m.getAttributes().put("SentTimestamp", String.valueOf(System.currentTimeMillis())));
        QueueResponse response = handle(batch);

        assertEquals(List.of(), failedIds(response));
        assertEquals(List.of("applied", "rejected", "deferred"),
                response.getReports().stream().map(r -> String.valueOf(r.get("status"))).toList());
        assertEquals(2, aws.results().size(), "the deferred one is waiting on the requests queue, not answered");
        assertEquals("1", aws.queueAttribute(LocalAws.REQUESTS, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    @Test
    void accessDeniedFailsTheItemNamingTheMissingPermissionAndIsNotRetried() {
        aws = LocalAws.start();
        aws.cloud.world().addFault(new Fault("eks:CreateAddon", "AccessDeniedException", null, null, 1));

        QueueResponse response = handle(sqsEventFile("aws/sqs-eks-create-cluster.json"));

        assertEquals(List.of(), failedIds(response));
        JsonNode agent = item(report(response, 0), "eks-pod-identity-agent");
        assertEquals("failed", agent.path("status").asText());
        assertEquals("eks:CreateAddon", agent.path("error").path("permission").asText());
        assertTrue(agent.path("message").asText().contains("eks:CreateAddon"));
        assertEquals("partial", report(response, 0).path("status").asText());
    }

    @Test
    void aReportTheResultsQueueDoesNotTakeKeepsItsMessageForAnotherTry() {
        aws = LocalAws.start(World.load(LocalAws.SAMPLES.resolve("world.json")),
                c -> c.withResultsQueue(c.resultsQueueUrl().orElseThrow().replace("trust-results", "no-such-queue")));

        QueueResponse response = handle(sqsEvent(sample("tickets/refused/bad-fields.json")));

        assertEquals(List.of("m0"), failedIds(response));
        assertEquals(List.of(), response.getReports(), "the report is made again when the message comes back");
    }

    @Test
    void aDryRunFunctionPlansAndWritesNothingWhateverTheTicketSays() {
        aws = LocalAws.start(World.load(LocalAws.SAMPLES.resolve("world.json")), c -> c.withForcedDryRun(true));

        QueueResponse response = handle(sqsEventFile("aws/sqs-ticket.json"));

        assertEquals("planned", report(response, 0).path("status").asText(), () -> report(response, 0).toString());
        assertTrue(report(response, 0).path("dryRun").asBoolean());
        assertEquals(0, aws.calls().writes());
    }
}
