package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The critical and high guardrail escapes end to end, through the real SDK clients against the local cloud: each is
 * refused naming its field and rule, and the dumped world is byte for byte what it was.
 */
class GuardrailEscapeTest {
    private LocalAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private static String ticket(String account, String roleArn) {
        return """
                {"schemaVersion": 1, "requestId": "CHG-ESCAPE", "requestedBy": "mallory@example.com",
                 "target": {"eksClusterArn": "arn:aws:eks:eu-west-1:%s:cluster/eks-prod"},
                 "settings": [{"type": "eks-pod-identity", "namespace": "payments", "serviceAccount": "payments-api",
                               "roleArn": "%s"}]}""".formatted(account, roleArn);
    }

    private JsonNode handle(String body) {
        SQSEvent event = LocalAws.sqsEvent(body);
        QueueResponse response = new QueueHandler(aws.runtime).handleRequest(event, null);
        return LocalAws.json(io.trustbaseline.core.json.Json.write(response.getReports().get(0)));
    }

    /** The administrator role is ops-admin at '/': each ARN names it under an allowed path, in some letter case. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arn:aws:iam::111122223333:role/workload/ops-admin",
            "arn:aws:iam::111122223333:role/workload/OPS-ADMIN", "arn:aws:iam::111122223333:role/workload/team/Ops-Admin"})
    void aRoleArnWhosePathOrNameIamDoesNotReturnIsRefusedAndNothingIsWritten(String roleArn) {
        World world = World.load(LocalAws.SAMPLES.resolve("world.json"));
        world.locked(root -> {
            ObjectNode roles = (ObjectNode) root.path("aws").path("accounts").path(LocalAws.ACCOUNT).path("iam").path("roles");
            roles.putObject("ops-admin").put("path", "/").set("assumeRolePolicyDocument",
                    LocalAws.json("{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
            return null;
        });
        aws = LocalAws.start(world, c -> c);
        String before = aws.cloud.world().dump();

        JsonNode report = handle(ticket(LocalAws.ACCOUNT, roleArn));

        JsonNode error = report.path("targets").path(0).path("items").path(0).path("error");
        assertEquals("roleArn", error.path("field").asText(), report::toString);
        assertEquals("role-identity", error.path("code").asText(), report::toString);
        assertEquals(0, report.path("calls").path("writes").asLong());
        assertEquals(before, aws.cloud.world().dump(), "the world is unchanged");
    }

    @Test
    void aClusterInAnAccountTheDeploymentDoesNotServeIsRefusedAndNothingIsWritten() {
        aws = LocalAws.start();
        String before = aws.cloud.world().dump();

        JsonNode report = handle(ticket("999988887777", "arn:aws:iam::999988887777:role/workload/payments-api"));

        assertRefusedAsNotServedBeforeAnyCall(report, before);
    }

    /** The deployment's own account number in another partition is another account, which it does not serve. */
    @Test
    void aClusterOfTheOwnAccountNumberInAnotherPartitionIsRefusedNamingThePartitionAndNothingIsWritten() {
        aws = LocalAws.start();
        String before = aws.cloud.world().dump();
        // the sample CloudTrail event, moved to a China region, as a forged message on the shared queue would be
        String forged = LocalAws.sample("aws/eventbridge-eks-create-cluster.json").replace("eu-west-1", "cn-north-1")
                .replace("arn:aws:", "arn:aws-cn:");

        JsonNode report = handle(forged);

        assertRefusedAsNotServedBeforeAnyCall(report, before);
        assertTrue(report.path("errors").path(0).path("message").asText().contains("partition aws-cn"), report::toString);
    }

    @Test
    void aForgedCreateClusterEventForAnAccountTheDeploymentDoesNotServeIsRefusedAndNothingIsWritten() {
        aws = LocalAws.start();
        String before = aws.cloud.world().dump();
        // the sample CloudTrail event, every account in it replaced, as a forged message on the shared queue would be
        String forged = LocalAws.sample("aws/eventbridge-eks-create-cluster.json").replace(LocalAws.ACCOUNT, "999988887777");

        JsonNode report = handle(forged);

        assertEquals("event", report.path("trigger").asText(), report::toString);
        assertRefusedAsNotServedBeforeAnyCall(report, before);
    }

    /** Refused naming the target and the served-scopes rule, before any call: the world is as it was. */
    private void assertRefusedAsNotServedBeforeAnyCall(JsonNode report, String before) {
        assertEquals("rejected", report.path("status").asText(), report::toString);
        assertEquals("target", report.path("errors").path(0).path("field").asText(), report::toString);
        assertEquals("served-scopes", report.path("errors").path(0).path("rule").asText(), report::toString);
        assertEquals(0, aws.calls().calls().size(), "not even a read");
        assertEquals(before, aws.cloud.world().dump(), "the world is unchanged");
    }
}
