package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessEntry;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access-entry calls of the EKS emulator, through the real SDK client, against the model's excerpt. */
class EksAccessEntriesServiceTest {
    static final String ACCOUNT = "111122223333";
    static final String ADMIN = "arn:aws:iam::" + ACCOUNT + ":role/platform/cluster-admin";
    static final String POLICY = "arn:aws:eks::aws:cluster-access-policy/";
    static final String VIEW = POLICY + "AmazonEKSViewPolicy";
    static final String CLUSTER_ADMIN = POLICY + "AmazonEKSClusterAdminPolicy";

    static final String WORLD = """
            { "permissions": "unrestricted", "aws": { "accounts": {
                "111122223333": {
                  "iam": { "roles": { "cluster-admin": { "path": "/platform/" }, "node": { "path": "/" } } },
                  "regions": { "eu-west-1": { "clusters": {
                    "api":    { "status": "ACTIVE", "accessConfig": { "authenticationMode": "API_AND_CONFIG_MAP" } },
                    "legacy": { "status": "ACTIVE" } } } } } } } }
            """;

    LocalCloud cloud;
    EksClient eks;

    @BeforeEach
    void start() {
        cloud = LocalCloud.start(World.parse(WORLD), AwsServices.all());
        eks = LocalAwsClients.eks(cloud.endpoint(), ACCOUNT, "eu-west-1");
    }

    @AfterEach
    void stop() {
        eks.close();
        cloud.close();
    }

    private AccessEntry create(String principalArn) {
        return eks.createAccessEntry(r -> r.clusterName("api").principalArn(principalArn)
                .tags(Map.of("trust-baseline:managed", "true"))).accessEntry();
    }

    private void associate(String principalArn, String policyArn, String scope, String... namespaces) {
        eks.associateAccessPolicy(r -> r.clusterName("api").principalArn(principalArn).policyArn(policyArn)
                .accessScope(s -> s.type(scope).namespaces(namespaces)));
    }

    private List<AssociatedAccessPolicy> associated(String principalArn) {
        return eks.listAssociatedAccessPolicies(r -> r.clusterName("api").principalArn(principalArn))
                .associatedAccessPolicies();
    }

    @Test
    void anEntryIsCreatedStandardWithItsTagsDescribedAndItsPoliciesAssociatedAndListed() {
        AccessEntry created = create(ADMIN);
        assertEquals("STANDARD", created.type());
        assertEquals(Map.of("trust-baseline:managed", "true"), created.tags());
        assertTrue(created.accessEntryArn().startsWith("arn:aws:eks:eu-west-1:" + ACCOUNT
                + ":access-entry/api/role/" + ACCOUNT + "/cluster-admin/"), created.accessEntryArn());

        AccessEntry described = eks.describeAccessEntry(r -> r.clusterName("api").principalArn(ADMIN)).accessEntry();
        assertEquals(created, described);

        associate(ADMIN, CLUSTER_ADMIN, "cluster");
        associate(ADMIN, VIEW, "namespace", "payments", "orders");
        List<AssociatedAccessPolicy> held = associated(ADMIN);
        assertEquals(List.of(CLUSTER_ADMIN, VIEW), held.stream().map(AssociatedAccessPolicy::policyArn).toList());
        assertEquals(AccessScopeType.NAMESPACE, held.get(1).accessScope().type());
        assertEquals(List.of("payments", "orders"), held.get(1).accessScope().namespaces());
        assertNotNull(held.get(1).associatedAt());
    }

    @Test
    void associatingAHeldPolicyAgainSetsItsScope() {
        create(ADMIN);
        associate(ADMIN, VIEW, "namespace", "payments");
        associate(ADMIN, VIEW, "cluster");

        List<AssociatedAccessPolicy> held = associated(ADMIN);
        assertEquals(1, held.size());
        assertEquals(AccessScopeType.CLUSTER, held.get(0).accessScope().type());
        assertEquals(List.of(), held.get(0).accessScope().namespaces());
    }

    @Test
    void aClusterThatAuthenticatesOnlyWithTheConfigMapRefusesAccessEntries() {
        assertEquals(AuthenticationMode.CONFIG_MAP,
                eks.describeCluster(r -> r.name("legacy")).cluster().accessConfig().authenticationMode());
        assertEquals(AuthenticationMode.API_AND_CONFIG_MAP,
                eks.describeCluster(r -> r.name("api")).cluster().accessConfig().authenticationMode());

        assertThrows(InvalidRequestException.class, () -> eks.createAccessEntry(r -> r.clusterName("legacy")
                .principalArn(ADMIN)));
        assertThrows(InvalidRequestException.class, () -> eks.describeAccessEntry(r -> r.clusterName("legacy")
                .principalArn(ADMIN)));
    }

    @Test
    void aSecondEntryForThePrincipalIsInUse() {
        create(ADMIN);
        assertThrows(ResourceInUseException.class, () -> create(ADMIN));
    }

    @Test
    void anUnknownEntryOrClusterIsNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> eks.describeAccessEntry(r -> r.clusterName("api")
                .principalArn(ADMIN)));
        assertThrows(ResourceNotFoundException.class, () -> associate(ADMIN, VIEW, "cluster"));
        assertThrows(ResourceNotFoundException.class, () -> eks.listAssociatedAccessPolicies(r -> r.clusterName("api")
                .principalArn(ADMIN)));
        assertThrows(ResourceNotFoundException.class, () -> eks.createAccessEntry(r -> r.clusterName("gone")
                .principalArn(ADMIN)));
    }

    @Test
    void thePrincipalMustBeAnExistingRoleAtItsPathOrAUserNeverASession() {
        for (String bad : List.of("arn:aws:sts::" + ACCOUNT + ":assumed-role/cluster-admin/session",
                "arn:aws:iam::" + ACCOUNT + ":role/cluster-admin",           // the role lives at /platform/
                "arn:aws:iam::" + ACCOUNT + ":role/platform/nobody",
                "arn:aws:iam::" + ACCOUNT + ":group/admins",
                "cluster-admin")) {
            assertThrows(InvalidParameterException.class, () -> create(bad), bad);
        }
        assertThrows(ResourceNotFoundException.class, () -> eks.describeAccessEntry(r -> r.clusterName("api")
                .principalArn("arn:aws:iam::" + ACCOUNT + ":role/cluster-admin")), "nothing was stored");
    }

    @Test
    void onlyTheClusterAccessPoliciesCanBeAssociated() {
        create(ADMIN);
        for (String bad : List.of("arn:aws:iam::aws:policy/AdministratorAccess",
                "arn:aws:eks::" + ACCOUNT + ":cluster-access-policy/AmazonEKSViewPolicy",
                POLICY + "AmazonEKSRootPolicy")) {
            assertThrows(InvalidParameterException.class, () -> associate(ADMIN, bad, "cluster"), bad);
        }
        assertEquals(List.of(), associated(ADMIN));

        List<String> listed = eks.listAccessPolicies(r -> { }).accessPolicies().stream()
                .map(p -> p.arn()).toList();
        assertTrue(listed.contains(VIEW) && listed.contains(CLUSTER_ADMIN), listed.toString());
        assertTrue(listed.stream().allMatch(a -> a.startsWith(POLICY)), listed.toString());
    }

    @Test
    void aNamespaceScopeNeedsNamespacesAndAClusterScopeTakesNone() {
        create(ADMIN);
        assertThrows(InvalidParameterException.class, () -> associate(ADMIN, VIEW, "namespace"));
        assertThrows(InvalidParameterException.class, () -> associate(ADMIN, VIEW, "cluster", "payments"));
        assertThrows(InvalidParameterException.class, () -> associate(ADMIN, VIEW, "everything"));
        assertThrows(InvalidParameterException.class, () -> associate(ADMIN, VIEW, "namespace", "Not_A_Label"));
        assertEquals(List.of(), associated(ADMIN));
    }

    @Test
    void aNodeEntryTakesNoAccessPolicies() {
        String node = "arn:aws:iam::" + ACCOUNT + ":role/node";
        eks.createAccessEntry(r -> r.clusterName("api").principalArn(node).type("EC2_LINUX"));
        assertThrows(InvalidRequestException.class, () -> associate(node, VIEW, "cluster"));
        assertThrows(InvalidParameterException.class, () -> eks.createAccessEntry(r -> r.clusterName("api")
                .principalArn(ADMIN).type("EC2_LINUX").kubernetesGroups("admins")));
    }

    /** The emulator accepts exactly the enums of the model and answers the members it lists. */
    @Test
    void theEmulatorFollowsTheModelExcerpt() throws Exception {
        JsonNode model;
        try (InputStream in = getClass().getResourceAsStream("/reference/aws/eks/eks-2017-11-01.access-entries.json")) {
            model = World.JSON.readTree(in);
        }
        JsonNode shapes = model.get("shapes");
        assertEquals(Set.of("cluster", "namespace"), strings(shapes.at("/AccessScopeType/enum")));
        assertEquals(Set.of("API", "API_AND_CONFIG_MAP", "CONFIG_MAP"), strings(shapes.at("/AuthenticationMode/enum")));
        assertEquals("/clusters/{name}/access-entries/{principalArn}/access-policies",
                model.at("/operations/AssociateAccessPolicy/http/requestUri").asText());
        assertEquals(Set.of("clusterName", "principalArn", "policyArn", "accessScope"),
                strings(shapes.at("/AssociateAccessPolicyRequest/required")));

        AccessEntry created = create(ADMIN);
        Set<String> answered = new TreeSet<>();
        created.sdkFields().forEach(f -> {
            if (f.getValueOrDefault(created) != null) {
                answered.add(f.locationName());
            }
        });
        assertEquals(new TreeSet<>(fieldNames(shapes.at("/AccessEntry/members"))), answered,
                "DescribeAccessEntry answers every member of AccessEntry");
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
