package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AddonStatus;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.CreatePodIdentityAssociationResponse;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.ListPodIdentityAssociationsResponse;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociation;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EksServiceTest {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String REGION = "eu-west-1";
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/ebs-csi";
    static final String WORKLOAD_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/workload/app";

    /** An administrator's view: these tests cover the API surface, PermissionsTest the deployment's policy. */
    static final String WORLD = """
            { "permissions": "unrestricted", "aws": { "accounts": {
                "111122223333": {
                  "iam": { "roles": {
                    "ebs-csi": { "path": "/", "assumeRolePolicyDocument": {}, "attachedPolicyArns": [], "permissionsBoundaryArn": null, "tags": {} },
                    "app":     { "path": "/workload/", "assumeRolePolicyDocument": {}, "attachedPolicyArns": [], "permissionsBoundaryArn": null, "tags": {} } } },
                  "regions": { "eu-west-1": { "clusters": {
                    "prod":  { "status": "ACTIVE", "version": "1.31", "tags": { "env": "prod" }, "addons": {}, "podIdentityAssociations": [] },
                    "fresh": { "status": "CREATING", "version": "1.31", "tags": {} } } } } },
                "444455556666": {
                  "iam": { "roles": { "ebs-csi": { "path": "/" } } },
                  "regions": { "eu-west-1": { "clusters": { "prod": { "status": "ACTIVE", "version": "1.30" } } } } } } } }
            """;

    LocalCloud cloud;
    EksClient eks;

    @BeforeEach
    void start() {
        cloud = LocalCloud.start(World.parse(WORLD), AwsServices.all());
        eks = LocalAwsClients.eks(cloud.endpoint(), ACCOUNT, REGION);
    }

    @AfterEach
    void stop() {
        eks.close();
        cloud.close();
    }

    @Test
    void createAddonOnActiveClusterStartsCreatingAndTheNextDescribeAddonSeesItActive() {
        var created = eks.createAddon(r -> r.clusterName("prod").addonName("eks-pod-identity-agent")).addon();
        assertEquals(AddonStatus.CREATING, created.status());
        assertEquals("prod", created.clusterName());
        assertNotNull(created.addonVersion());

        var described = eks.describeAddon(r -> r.clusterName("prod").addonName("eks-pod-identity-agent")).addon();
        assertEquals(AddonStatus.ACTIVE, described.status());
        assertEquals(created.addonArn(), described.addonArn());
        assertEquals(List.of("eks-pod-identity-agent"), eks.listAddons(r -> r.clusterName("prod")).addons());
    }

    @Test
    void createAddonThatExistsIsResourceInUse() {
        eks.createAddon(r -> r.clusterName("prod").addonName("eks-pod-identity-agent"));
        var e = assertThrows(ResourceInUseException.class,
                () -> eks.createAddon(r -> r.clusterName("prod").addonName("eks-pod-identity-agent")));
        assertEquals(409, e.statusCode());
    }

    @Test
    void unknownClusterAddonOrAssociationIsResourceNotFound() {
        assertEquals(404, assertThrows(ResourceNotFoundException.class, () -> eks.describeCluster(r -> r.name("nope"))).statusCode());
        assertThrows(ResourceNotFoundException.class, () -> eks.describeAddon(r -> r.clusterName("prod").addonName("vpc-cni")));
        assertThrows(ResourceNotFoundException.class,
                () -> eks.describePodIdentityAssociation(r -> r.clusterName("prod").associationId("a-00000000000000000")));
    }

    @Test
    void writesOnACreatingClusterAreInvalidRequestAndChangeNothing() {
        var e = assertThrows(InvalidRequestException.class, () -> eks.createPodIdentityAssociation(
                r -> r.clusterName("fresh").namespace("kube-system").serviceAccount("ebs-csi-controller-sa").roleArn(ROLE)));
        assertEquals(400, e.statusCode());
        assertThrows(InvalidRequestException.class, () -> eks.createAddon(r -> r.clusterName("fresh").addonName("eks-pod-identity-agent")));
        assertEquals(ClusterStatus.CREATING, eks.describeCluster(r -> r.name("fresh")).cluster().status());
        JsonNode fresh = dump().at("/aws/accounts/" + ACCOUNT + "/regions/" + REGION + "/clusters/fresh");
        assertFalse(fresh.has("podIdentityAssociations") || fresh.has("addons"));
    }

    @Test
    void secondAssociationForTheSameNamespaceAndServiceAccountIsResourceInUse() {
        create("kube-system", "ebs-csi-controller-sa", ROLE);
        var e = assertThrows(ResourceInUseException.class, () -> create("kube-system", "ebs-csi-controller-sa", WORKLOAD_ROLE));
        assertEquals(409, e.statusCode());
        assertEquals("ResourceInUseException", e.awsErrorDetails().errorCode());
    }

    @Test
    void createThenDescribeReturnsTheAssociationWithTargetRoleAndSessionTagsSetting() {
        var created = eks.createPodIdentityAssociation(r -> r.clusterName("prod").namespace("apps").serviceAccount("web")
                .roleArn(WORKLOAD_ROLE).targetRoleArn("arn:aws:iam::999988887777:role/data-reader").disableSessionTags(true)
                .tags(Map.of("managed-by", "trust-baseline"))).association();
        assertTrue(created.associationId().matches("a-[a-z0-9]{17}"));
        assertEquals("arn:aws:eks:eu-west-1:" + ACCOUNT + ":podidentityassociation/prod/" + created.associationId(), created.associationArn());

        PodIdentityAssociation described = eks.describePodIdentityAssociation(
                r -> r.clusterName("prod").associationId(created.associationId())).association();
        assertEquals(WORKLOAD_ROLE, described.roleArn());
        assertEquals("arn:aws:iam::999988887777:role/data-reader", described.targetRoleArn());
        assertNotNull(described.externalId());
        assertTrue(described.disableSessionTags());
        assertEquals(Map.of("managed-by", "trust-baseline"), described.tags());
        assertNotNull(described.createdAt());
    }

    @Test
    void listFiltersByNamespaceAndServiceAccountAndPaginatesAcrossNextToken() {
        for (int i = 0; i < 5; i++) {
            create("apps", "sa-" + i, WORKLOAD_ROLE);
        }
        create("kube-system", "sa-0", ROLE);

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListPodIdentityAssociationsResponse page = eks.listPodIdentityAssociations(
                    r -> r.clusterName("prod").namespace("apps").maxResults(2).nextToken(next));
            page.associations().forEach(a -> seen.add(a.namespace() + "/" + a.serviceAccount()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(List.of("apps/sa-0", "apps/sa-1", "apps/sa-2", "apps/sa-3", "apps/sa-4"), seen);
        assertEquals(3, pages);

        List<PodIdentityAssociationSummary> one = eks.listPodIdentityAssociations(
                r -> r.clusterName("prod").namespace("kube-system").serviceAccount("sa-0")).associations();
        assertEquals(1, one.size());
        assertEquals("prod", one.get(0).clusterName());
        assertEquals(6, eks.listPodIdentityAssociationsPaginator(r -> r.clusterName("prod").maxResults(1))
                .associations().stream().count());
    }

    @Test
    void maxResultsOutsideOneToHundredOrABadTokenIsInvalidParameter() {
        assertThrows(InvalidParameterException.class, () -> eks.listPodIdentityAssociations(r -> r.clusterName("prod").maxResults(101)));
        assertThrows(InvalidParameterException.class, () -> eks.listPodIdentityAssociations(r -> r.clusterName("prod").maxResults(0)));
        assertThrows(InvalidParameterException.class, () -> eks.listPodIdentityAssociations(r -> r.clusterName("prod").nextToken("junk")));
    }

    @Test
    void updateChangesTheRoleAndDeleteRemovesTheAssociation() {
        String id = create("kube-system", "ebs-csi-controller-sa", ROLE).association().associationId();
        var updated = eks.updatePodIdentityAssociation(r -> r.clusterName("prod").associationId(id).roleArn(WORKLOAD_ROLE)).association();
        assertEquals(WORKLOAD_ROLE, updated.roleArn());
        assertThrows(InvalidParameterException.class, () -> eks.updatePodIdentityAssociation(r -> r.clusterName("prod").associationId(id)));

        eks.updatePodIdentityAssociation(r -> r.clusterName("prod").associationId(id).targetRoleArn("arn:aws:iam::999988887777:role/t"));
        var cleared = eks.updatePodIdentityAssociation(r -> r.clusterName("prod").associationId(id).targetRoleArn("")).association();
        assertNull(cleared.targetRoleArn());

        assertEquals(id, eks.deletePodIdentityAssociation(r -> r.clusterName("prod").associationId(id)).association().associationId());
        assertTrue(eks.listPodIdentityAssociations(r -> r.clusterName("prod")).associations().isEmpty());
    }

    @Test
    void badRolesAndKubernetesNamesAreInvalidParameter() {
        assertInvalid("kube-system", "sa", "arn:aws:iam::" + ACCOUNT + ":user/ebs-csi", "not an IAM role ARN");
        assertInvalid("Kube_System", "sa", ROLE, "namespace");
        assertInvalid("kube-system", "SA!", ROLE, "serviceAccount");
        assertInvalid("kube-system", "sa", "arn:aws:iam::" + OTHER_ACCOUNT + ":role/ebs-csi", "cluster's account");
        assertInvalid("kube-system", "sa", "arn:aws:iam::" + ACCOUNT + ":role/missing", "does not exist");
        assertInvalid("kube-system", "sa", "arn:aws:iam::" + ACCOUNT + ":role/other/app", "does not exist");
    }

    @Test
    void describeAndListClustersAnswerFromTheWorld() {
        var cluster = eks.describeCluster(r -> r.name("prod")).cluster();
        assertEquals("arn:aws:eks:eu-west-1:" + ACCOUNT + ":cluster/prod", cluster.arn());
        assertEquals(ClusterStatus.ACTIVE, cluster.status());
        assertEquals("1.31", cluster.version());
        assertEquals(Map.of("env", "prod"), cluster.tags());

        var first = eks.listClusters(r -> r.maxResults(1));
        assertEquals(List.of("fresh"), first.clusters());
        assertEquals(List.of("prod"), eks.listClusters(r -> r.maxResults(1).nextToken(first.nextToken())).clusters());
        try (EksClient elsewhere = LocalAwsClients.eks(cloud.endpoint(), ACCOUNT, "us-east-2")) {
            assertTrue(elsewhere.listClusters().clusters().isEmpty());
        }
    }

    @Test
    void whenTwoAccountsHoldTheClusterTheAccessKeyIdPicksTheAccount() {
        try (EksClient other = LocalAwsClients.eks(cloud.endpoint(), OTHER_ACCOUNT, REGION)) {
            var cluster = other.describeCluster(r -> r.name("prod")).cluster();
            assertEquals("arn:aws:eks:eu-west-1:" + OTHER_ACCOUNT + ":cluster/prod", cluster.arn());
            assertEquals("1.30", cluster.version());
        }
        try (EksClient unknown = LocalAwsClients.eks(cloud.endpoint(), "AKIDEXAMPLE", REGION)) {
            assertThrows(ResourceNotFoundException.class, () -> unknown.describeCluster(r -> r.name("prod")));
            assertEquals(ACCOUNT, unknown.describeCluster(r -> r.name("fresh")).cluster().arn().split(":")[4]);
        }
    }

    @Test
    void dumpShowsTheAssociationInTheWorldFileFormat() {
        String id = create("kube-system", "ebs-csi-controller-sa", ROLE).association().associationId();
        JsonNode association = dump().at("/aws/accounts/" + ACCOUNT + "/regions/" + REGION + "/clusters/prod/podIdentityAssociations/0");
        assertEquals(id, association.path("associationId").asText());
        assertEquals("kube-system", association.path("namespace").asText());
        assertEquals("ebs-csi-controller-sa", association.path("serviceAccount").asText());
        assertEquals(ROLE, association.path("roleArn").asText());
        assertTrue(association.path("tags").isObject());
        World again = World.parse(cloud.world().dump());
        assertEquals(association, again.root().at("/aws/accounts/" + ACCOUNT + "/regions/" + REGION + "/clusters/prod/podIdentityAssociations/0"));
    }

    @Test
    void anInjectedThrottlingFaultReachesTheClientAsThrottlingAndCallsAreCountedPerApi() {
        cloud.world().addFault(new Fault("eks:CreatePodIdentityAssociation", "ThrottlingException", null, 2, 1));
        EksException e = assertThrows(EksException.class, () -> create("kube-system", "ebs-csi-controller-sa", ROLE));
        assertTrue(e.isThrottlingException());
        assertEquals(429, e.statusCode());
        assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
        assertEquals("2", e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").orElseThrow());

        create("kube-system", "ebs-csi-controller-sa", ROLE);
        eks.listPodIdentityAssociations(r -> r.clusterName("prod"));
        assertEquals(Map.of("eks:CreatePodIdentityAssociation", 2, "eks:ListPodIdentityAssociations", 1), cloud.calls().byApi());
        assertEquals(2, cloud.calls().writes());
        assertEquals(1, cloud.calls().reads());
    }

    @Test
    void anInjectedAccessDeniedNamesTheAction() {
        cloud.world().addFault(new Fault("eks:CreateAddon", "AccessDeniedException", null, null, 1));
        EksException e = assertThrows(EksException.class, () -> eks.createAddon(r -> r.clusterName("prod").addonName("x")));
        assertEquals(403, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("eks:CreateAddon"), e.getMessage());
    }

    private CreatePodIdentityAssociationResponse create(String namespace, String serviceAccount, String roleArn) {
        return eks.createPodIdentityAssociation(r -> r.clusterName("prod").namespace(namespace).serviceAccount(serviceAccount).roleArn(roleArn));
    }

    private void assertInvalid(String namespace, String serviceAccount, String roleArn, String messagePart) {
        var e = assertThrows(InvalidParameterException.class, () -> create(namespace, serviceAccount, roleArn));
        assertEquals(400, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains(messagePart), e.awsErrorDetails().errorMessage());
    }

    private JsonNode dump() {
        return World.parse(cloud.world().dump()).root();
    }
}
