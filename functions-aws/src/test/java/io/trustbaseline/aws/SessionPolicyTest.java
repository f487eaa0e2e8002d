package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An association's session policy, through the real EKS client against the local cloud: sent on create, read back
 * from Describe and compared as a JSON document (not as text), so a second run writes nothing and a changed policy
 * is put back.
 */
class SessionPolicyTest {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::payments/*\"}]}";

    private LocalAws aws;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private static String ticket(String policy) {
        return """
                {"schemaVersion": 1, "requestId": "CHG-POLICY", "requestedBy": "alice@example.com",
                 "target": {"eksClusterArn": "arn:aws:eks:eu-west-1:111122223333:cluster/eks-prod"},
                 "settings": [{"type": "eks-pod-identity", "namespace": "payments", "serviceAccount": "payments-api",
                               "roleArn": "arn:aws:iam::111122223333:role/workload/payments-api",
                               "disableSessionTags": true, "policy": %s}]}""".formatted(Json.write(policy));
    }

    private JsonNode handle(String body) {
        SQSEvent event = LocalAws.sqsEvent(body);
        QueueResponse response = new QueueHandler(aws.runtime).handleRequest(event, null);
        return LocalAws.json(Json.write(response.getReports().get(0)));
    }

    private ObjectNode association() {
        return (ObjectNode) aws.cluster("eks-prod").path("podIdentityAssociations").path(0);
    }

    @Test
    void aSessionPolicyIsSentAndASecondRunWritesNothing() {
        JsonNode first = handle(ticket(POLICY));

        assertEquals("applied", first.path("status").asText(), first::toString);
        assertEquals(POLICY, association().path("policy").asText());
        assertTrue(association().path("disableSessionTags").asBoolean());

        aws.calls().clear();
        JsonNode again = handle(ticket(POLICY));

        assertEquals("compliant", again.path("status").asText(), again::toString);
        assertEquals(0, aws.calls().writes(), () -> aws.calls().byApi().toString());
    }

    @Test
    void theSamePolicySpeltWithOtherWhitespaceAndKeyOrderIsNoDrift() {
        handle(ticket(POLICY));
        aws.calls().clear();

        JsonNode again = handle(ticket("{ \"Statement\": [ { \"Resource\": \"arn:aws:s3:::payments/*\","
                + " \"Action\": \"s3:GetObject\", \"Effect\": \"Allow\" } ],\n \"Version\": \"2012-10-17\" }"));

        assertEquals("compliant", again.path("status").asText(), again::toString);
        assertEquals(0, aws.calls().writes(), () -> aws.calls().byApi().toString());
    }

    @Test
    void aPolicyChangedByHandIsPutBack() {
        handle(ticket(POLICY));
        aws.cloud.world().locked(root -> association().put("policy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
        aws.calls().clear();

        JsonNode repaired = handle(ticket(POLICY));

        assertEquals("applied", repaired.path("status").asText(), repaired::toString);
        assertEquals(1, aws.calls().writes(), () -> aws.calls().byApi().toString());
        assertEquals(POLICY, association().path("policy").asText());
    }
}
