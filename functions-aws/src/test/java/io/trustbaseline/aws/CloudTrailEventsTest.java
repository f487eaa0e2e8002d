package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.target.EksClusterArn;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CreateCluster event reader, on the samples and on the official reference payloads. */
class CloudTrailEventsTest {
    static final Path REFERENCE = Path.of("src/test/resources/reference/aws/eventbridge");

    private static JsonNode sample(String file) {
        return LocalAws.json(LocalAws.sample("aws/" + file));
    }

    private static JsonNode reference(String file) {
        try {
            return LocalAws.json(java.nio.file.Files.readString(REFERENCE.resolve(file)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> fields(JsonNode event) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CloudTrailEvents.read(event));
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void theCurrentFormNamesTheClusterInRequestParametersName() {
        var created = assertInstanceOf(CloudTrailEvents.ClusterCreated.class,
                CloudTrailEvents.read(sample("eventbridge-eks-create-cluster.json")));
        assertEquals(EksClusterArn.of("eu-west-1", "111122223333", "eks-prod"), created.cluster());
        assertEquals("7bf73129-1428-4cd3-a780-95db273d1602", created.eventId());
        assertEquals("arn:aws:iam::111122223333:user/username", created.requestedBy());
    }

    @Test
    void theOlderFormNamesTheClusterInRequestParametersClusterName() {
        var created = assertInstanceOf(CloudTrailEvents.ClusterCreated.class,
                CloudTrailEvents.read(sample("eventbridge-eks-create-cluster-legacy.json")));
        assertEquals("eks-new", created.cluster().name());
    }

    @Test
    void withoutRequestParametersTheNameComesFromTheResponseAndTheAccountFromTheEnvelope() {
        ObjectNode event = (ObjectNode) sample("eventbridge-eks-create-cluster.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.remove("requestParameters");
        detail.remove("recipientAccountId");
        event.put("account", "444455556666");

        var created = assertInstanceOf(CloudTrailEvents.ClusterCreated.class, CloudTrailEvents.read(event));
        assertEquals(EksClusterArn.of("eu-west-1", "444455556666", "eks-prod"), created.cluster());
    }

    @Test
    void aCallThatFailedCreatedNoCluster() {
        ObjectNode event = (ObjectNode) sample("eventbridge-eks-create-cluster.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("errorCode", "InvalidParameterException").put("errorMessage", "subnets are in one AZ");
        detail.remove("responseElements");

        var failed = assertInstanceOf(CloudTrailEvents.CreateFailed.class, CloudTrailEvents.read(event));
        assertEquals("InvalidParameterException", failed.errorCode());
        assertEquals("arn:aws:eks:eu-west-1:111122223333:cluster/eks-prod", failed.cluster());
    }

    @Test
    void theOfficialRecordWithItsPlaceholderRegionIsRefusedNamingTheRegion() {
        JsonNode composed = reference("eventbridge.eks-CreateCluster.COMPOSED.json");
        assertTrue(CloudTrailEvents.isEventBridgeEvent(composed));
        assertEquals(List.of("detail.awsRegion"), fields(composed));
    }

    @Test
    void otherEventsAreRefusedNamingWhatDiffers() {
        assertEquals(List.of("detail-type", "detail.eventName"), fields(reference("eventbridge.eks-fargate-pod-scheduled-termination.json")));
        assertEquals(List.of("source", "detail.eventName"), fields(reference("eventbridge.cloudtrail-envelope.s3-CreateBucket.json")));
    }

    @Test
    void aBareCloudTrailRecordIsNotAnEventBridgeEvent() {
        assertFalse(CloudTrailEvents.isEventBridgeEvent(reference("cloudtrail-record.eks-CreateCluster.json")));
    }

    @Test
    void aClusterNameThatBreaksEksRulesIsRefusedNamingTheField() {
        ObjectNode event = (ObjectNode) sample("eventbridge-eks-create-cluster.json");
        ((ObjectNode) event.path("detail").path("requestParameters")).put("name", "-bad name");
        assertEquals(List.of("detail.requestParameters.name"), fields(event));
    }
}
