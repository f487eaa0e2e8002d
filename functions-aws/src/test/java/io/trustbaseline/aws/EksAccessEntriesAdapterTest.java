package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.aws.AccessEntry;
import io.trustbaseline.core.target.EksClusterArn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access-entry methods of {@link EksAdapter} through the real SDK EKS client over HTTP, against the local cloud
 * seeded with events-samples/world.json and enforcing the deployment's policy (infra/aws/permissions.json).
 */
class EksAccessEntriesAdapterTest {
    static final EksClusterArn PROD = EksClusterArn.of("eu-west-1", LocalAws.ACCOUNT, "eks-prod");
    static final String ADMIN = "arn:aws:iam::111122223333:role/platform/cluster-admin";
    static final String TEAM = "arn:aws:iam::111122223333:role/teams/payments-dev";
    static final String VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
    static final String EDIT = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy";
    static final Map<String, String> MANAGED = Map.of("trust-baseline:managed", "true");

    LocalAws aws;
    EksAdapter eks;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
        eks = new EksAdapter(aws.runtime.clients());
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void anEntryMadeByHandIsReadWithItsTypeTagsAndPolicies() {
        AccessEntry entry = eks.describeAccessEntry(PROD, ADMIN).orElseThrow();

        assertEquals(new AccessEntry(ADMIN, "STANDARD", Map.of()), entry);
        assertEquals(List.of(new AccessEntry.Policy(VIEW, "cluster", List.of())), eks.listAssociatedAccessPolicies(PROD, ADMIN));
        assertTrue(eks.describeAccessEntry(PROD, TEAM).isEmpty(), "a principal without an entry reads as absent");
    }

    @Test
    void anEntryIsCreatedTaggedAndItsPolicyAssociatedAtANamespaceScope() {
        AccessEntry created = eks.createAccessEntry(PROD, new AccessEntry(TEAM, AccessEntry.STANDARD, MANAGED));
        eks.associateAccessPolicy(PROD, TEAM, new AccessEntry.Policy(EDIT, "namespace", List.of("payments", "orders")));

        assertEquals(new AccessEntry(TEAM, "STANDARD", MANAGED), created);
        assertEquals(created, eks.describeAccessEntry(PROD, TEAM).orElseThrow());
        assertEquals(List.of(new AccessEntry.Policy(EDIT, "namespace", List.of("payments", "orders"))),
                eks.listAssociatedAccessPolicies(PROD, TEAM));
    }

    @Test
    void aSecondCreateForThePrincipalIsAConflict() {
        eks.createAccessEntry(PROD, new AccessEntry(TEAM, AccessEntry.STANDARD, MANAGED));

        CloudException e = assertThrows(CloudException.class,
                () -> eks.createAccessEntry(PROD, new AccessEntry(TEAM, AccessEntry.STANDARD, MANAGED)));
        assertEquals(CloudException.Kind.CONFLICT, e.kind());
    }

    /** A cluster that authenticates only with the ConfigMap (no accessConfig: the API's default) refuses entries. */
    @Test
    void aConfigMapClusterRefusesWithInvalidRequest() {
        aws.cloud.world().locked(root -> ((ObjectNode) root.at("/aws/accounts/111122223333/regions/eu-west-1/clusters"))
                .putObject("eks-legacy").put("status", "ACTIVE"));
        EksClusterArn legacy = EksClusterArn.of("eu-west-1", LocalAws.ACCOUNT, "eks-legacy");

        CloudException read = assertThrows(CloudException.class, () -> eks.describeAccessEntry(legacy, ADMIN));
        assertEquals("InvalidRequestException", read.code());
        CloudException create = assertThrows(CloudException.class,
                () -> eks.createAccessEntry(legacy, new AccessEntry(TEAM, AccessEntry.STANDARD, MANAGED)));
        assertEquals("InvalidRequestException", create.code());
    }

    @Test
    void theDeploymentMayCreateEntriesOnlyForRolesOfItsOwnAccountAndTagOnlyItsOwnTag() {
        CloudException foreign = assertThrows(CloudException.class, () -> eks.createAccessEntry(PROD,
                new AccessEntry("arn:aws:iam::444455556666:role/teams/payments-dev", AccessEntry.STANDARD, MANAGED)));
        assertEquals(CloudException.Kind.ACCESS_DENIED, foreign.kind());
        assertEquals("eks:CreateAccessEntry", foreign.permission());

        CloudException otherTag = assertThrows(CloudException.class, () -> eks.createAccessEntry(PROD,
                new AccessEntry(TEAM, AccessEntry.STANDARD, Map.of("owner", "me"))));
        assertEquals(CloudException.Kind.ACCESS_DENIED, otherTag.kind());
        assertEquals("eks:TagResource", otherTag.permission());
        assertTrue(eks.describeAccessEntry(PROD, TEAM).isEmpty(), "a refused create stores nothing");
    }
}
