package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IamServiceTest {
    static final String ACCOUNT = "111122223333";
    static final String EBS_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";
    static final String BOUNDARY = "arn:aws:iam::" + ACCOUNT + ":policy/boundaries/workload-boundary";
    /** An administrator's view: these tests cover the API surface, PermissionsTest the deployment's policy. */
    static final String WORLD = """
            { "permissions": "unrestricted", "aws": { "accounts": { "111122223333": { "iam": {
                "roles": {},
                "policies": [ "arn:aws:iam::111122223333:policy/boundaries/workload-boundary" ] } } } } }
            """;

    /** The trust policy the EKS User Guide gives for Pod Identity roles. */
    static final String TRUST_POLICY = """
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AllowEksAuthToAssumeRoleForPodIdentity",
                        "Effect": "Allow",
                        "Principal": { "Service": "pods.eks.amazonaws.com" },
                        "Action": [ "sts:AssumeRole", "sts:TagSession" ]
                    }
                ]
            }
            """;

    LocalCloud cloud;
    IamClient iam;

    @BeforeEach
    void start() {
        cloud = LocalCloud.start(World.parse(WORLD), AwsServices.all());
        iam = LocalAwsClients.iam(cloud.endpoint(), ACCOUNT);
    }

    @AfterEach
    void stop() {
        iam.close();
        cloud.close();
    }

    @Test
    void getRoleReturnsTheTrustPolicyUrlEncodedAndTheSdkHandsItOverEncoded() throws Exception {
        Role created = iam.createRole(r -> r.roleName("prod-ebs-csi").path("/trust-baseline/").assumeRolePolicyDocument(TRUST_POLICY)).role();
        assertEquals("arn:aws:iam::" + ACCOUNT + ":role/trust-baseline/prod-ebs-csi", created.arn());
        assertTrue(created.roleId().matches("AROA[A-Z2-7]{17}"));

        Role role = iam.getRole(r -> r.roleName("prod-ebs-csi")).role();
        String document = role.assumeRolePolicyDocument();
        assertTrue(document.startsWith("%7B%22Version%22%3A%222012-10-17%22"), document);
        assertFalse(document.contains("{"));
        JsonNode decoded = World.JSON.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8));
        assertEquals(World.JSON.readTree(TRUST_POLICY), decoded);
        assertEquals(created.roleId(), role.roleId());
        assertEquals(created.arn(), role.arn());
        assertEquals("/trust-baseline/", role.path());
    }

    @Test
    void invalidRoleNameOrPathIsTheIamValidationError() {
        IamException e = assertThrows(IamException.class,
                () -> iam.createRole(r -> r.roleName("bad name!").assumeRolePolicyDocument(TRUST_POLICY)));
        assertEquals(400, e.statusCode());
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("roleName"), e.awsErrorDetails().errorMessage());

        String tooLong = "r".repeat(65);
        assertEquals("ValidationError", assertThrows(IamException.class,
                () -> iam.createRole(r -> r.roleName(tooLong).assumeRolePolicyDocument(TRUST_POLICY))).awsErrorDetails().errorCode());
        assertEquals("ValidationError", assertThrows(IamException.class,
                () -> iam.createRole(r -> r.roleName("ok").path("no-slashes").assumeRolePolicyDocument(TRUST_POLICY))).awsErrorDetails().errorCode());
        assertTrue(dump().at("/aws/accounts/" + ACCOUNT + "/iam/roles").isEmpty());
    }

    @Test
    void existingNameInAnyCaseIsEntityAlreadyExistsAndUnknownRoleIsNoSuchEntity() {
        iam.createRole(r -> r.roleName("Workload").assumeRolePolicyDocument(TRUST_POLICY));
        assertEquals(409, assertThrows(EntityAlreadyExistsException.class,
                () -> iam.createRole(r -> r.roleName("workload").assumeRolePolicyDocument(TRUST_POLICY))).statusCode());
        assertEquals("Workload", iam.getRole(r -> r.roleName("WORKLOAD")).role().roleName());
        assertEquals(404, assertThrows(NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName("missing"))).statusCode());
    }

    @Test
    void aPolicyThatIsNotJsonIsMalformedPolicyDocument() {
        assertEquals(400, assertThrows(MalformedPolicyDocumentException.class,
                () -> iam.createRole(r -> r.roleName("x").assumeRolePolicyDocument("{not json"))).statusCode());
        iam.createRole(r -> r.roleName("x").assumeRolePolicyDocument(TRUST_POLICY));
        assertThrows(MalformedPolicyDocumentException.class,
                () -> iam.updateAssumeRolePolicy(r -> r.roleName("x").policyDocument("[1,2]")));
    }

    @Test
    void updateAssumeRolePolicyBoundaryAndTagsShowInGetRole() throws Exception {
        iam.createRole(r -> r.roleName("x").assumeRolePolicyDocument(TRUST_POLICY).tags(Tag.builder().key("a").value("1").build()));
        String widened = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        iam.updateAssumeRolePolicy(r -> r.roleName("x").policyDocument(widened));
        iam.putRolePermissionsBoundary(r -> r.roleName("x").permissionsBoundary(BOUNDARY));
        iam.tagRole(r -> r.roleName("x").tags(Tag.builder().key("a").value("2").build(), Tag.builder().key("managed-by").value("trust-baseline").build()));

        Role role = iam.getRole(r -> r.roleName("x")).role();
        assertEquals(World.JSON.readTree(widened), World.JSON.readTree(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8)));
        assertEquals(BOUNDARY, role.permissionsBoundary().permissionsBoundaryArn());
        assertEquals(List.of(Tag.builder().key("a").value("2").build(), Tag.builder().key("managed-by").value("trust-baseline").build()), role.tags());
        assertThrows(InvalidInputException.class, () -> iam.putRolePermissionsBoundary(
                r -> r.roleName("x").permissionsBoundary("arn:aws:iam::" + ACCOUNT + ":policy/not-listed")));
    }

    @Test
    void attachRolePolicyKnowsManagedAndListedPoliciesAndListAttachedRolePoliciesPaginates() {
        iam.createRole(r -> r.roleName("x").assumeRolePolicyDocument(TRUST_POLICY));
        List<String> arns = List.of(EBS_POLICY, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy", BOUNDARY, EBS_POLICY);
        arns.forEach(arn -> iam.attachRolePolicy(r -> r.roleName("x").policyArn(arn)));
        assertEquals(404, assertThrows(NoSuchEntityException.class, () -> iam.attachRolePolicy(
                r -> r.roleName("x").policyArn("arn:aws:iam::" + ACCOUNT + ":policy/unknown"))).statusCode());
        assertThrows(NoSuchEntityException.class, () -> iam.attachRolePolicy(r -> r.roleName("missing").policyArn(EBS_POLICY)));

        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String from = marker;
            ListAttachedRolePoliciesResponse page = iam.listAttachedRolePolicies(r -> r.roleName("x").maxItems(3).marker(from));
            page.attachedPolicies().stream().map(AttachedPolicy::policyArn).forEach(seen::add);
            marker = page.isTruncated() ? page.marker() : null;
            pages++;
        } while (marker != null);
        assertEquals(arns.subList(0, 4), seen);
        assertEquals(2, pages);

        var serviceRole = iam.listAttachedRolePolicies(r -> r.roleName("x").pathPrefix("/service-role/")).attachedPolicies();
        assertEquals(List.of("AmazonEBSCSIDriverPolicy", "AmazonEFSCSIDriverPolicy"), serviceRole.stream().map(AttachedPolicy::policyName).toList());
        assertEquals(4, iam.listAttachedRolePoliciesPaginator(r -> r.roleName("x").maxItems(1)).attachedPolicies().stream().count());
    }

    @Test
    void dumpShowsTheRoleInTheWorldFileFormat() throws Exception {
        iam.createRole(r -> r.roleName("x").assumeRolePolicyDocument(TRUST_POLICY).permissionsBoundary(BOUNDARY));
        iam.attachRolePolicy(r -> r.roleName("x").policyArn(EBS_POLICY));
        JsonNode role = dump().at("/aws/accounts/" + ACCOUNT + "/iam/roles/x");
        assertEquals("/", role.path("path").asText());
        assertEquals(World.JSON.readTree(TRUST_POLICY), role.path("assumeRolePolicyDocument"));
        assertEquals(EBS_POLICY, role.path("attachedPolicyArns").get(0).asText());
        assertEquals(BOUNDARY, role.path("permissionsBoundaryArn").asText());
        assertTrue(role.path("tags").isObject());
    }

    @Test
    void injectedFaultsAreIamThrottlingServiceFailureAndAccessDeniedNamingTheAction() {
        cloud.world().addFault(new Fault("iam:GetRole", "ThrottlingException", null, null, 1));
        cloud.world().addFault(new Fault("iam:ListAttachedRolePolicies", "ServerException", null, null, 1));
        cloud.world().addFault(new Fault("iam:CreateRole", "AccessDenied", null, null, 1));
        IamException throttled = assertThrows(IamException.class, () -> iam.getRole(r -> r.roleName("x")));
        assertTrue(throttled.isThrottlingException());
        assertEquals("Throttling", throttled.awsErrorDetails().errorCode());
        IamException denied = assertThrows(IamException.class, () -> iam.createRole(r -> r.roleName("x").assumeRolePolicyDocument(TRUST_POLICY)));
        assertEquals(403, denied.statusCode());
        assertTrue(denied.awsErrorDetails().errorMessage().contains("iam:CreateRole"));
        IamException failed = assertThrows(IamException.class, () -> iam.listAttachedRolePolicies(r -> r.roleName("x")));
        assertEquals(500, failed.statusCode());
        assertEquals("ServiceFailure", failed.awsErrorDetails().errorCode());
        assertEquals(Map.of("iam:CreateRole", 1, "iam:GetRole", 1, "iam:ListAttachedRolePolicies", 1), cloud.calls().byApi());
    }

    @Test
    void anUnknownAccessKeyWithSeveralAccountsIsInvalidClientTokenId() {
        try (LocalCloud two = LocalCloud.start(World.parse("{\"aws\":{\"accounts\":{\"111122223333\":{},\"444455556666\":{}}}}"), AwsServices.all());
             IamClient stranger = LocalAwsClients.iam(two.endpoint(), "AKIDEXAMPLE");
             IamClient known = LocalAwsClients.iam(two.endpoint(), "444455556666")) {
            IamException e = assertThrows(IamException.class, () -> stranger.getRole(r -> r.roleName("x")));
            assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
            known.createRole(r -> r.roleName("x").assumeRolePolicyDocument(TRUST_POLICY));
            assertTrue(World.parse(two.world().dump()).root().at("/aws/accounts/444455556666/iam/roles").has("x"));
        }
    }

    private JsonNode dump() {
        return World.parse(cloud.world().dump()).root();
    }
}
