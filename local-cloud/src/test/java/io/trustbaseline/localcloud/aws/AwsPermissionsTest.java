package io.trustbaseline.localcloud.aws;

import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.AccessDeniedException;
import software.amazon.awssdk.services.iam.model.IamException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment's IAM policy (infra/aws/permissions.json) is what the local EKS, IAM and STS enforce, and a refusal
 * reads as each service's: IAM's AccessDenied (query protocol), EKS's AccessDeniedException (rest-json), naming the
 * action and the resource.
 */
class AwsPermissionsTest {
    static final String ACCOUNT = "111122223333";

    @Test
    void theIamPolicyResolvesItsSubstitutionsAndConditionsAsIamDoes() {
        IamPolicy policy = IamPolicy.deployment();
        Map<String, List<String>> caller = Map.of("aws:PrincipalAccount", List.of(ACCOUNT));
        Access passToPods = new Access("iam:PassRole", "arn:aws:iam::" + ACCOUNT + ":role/workload/app", caller)
                .with("iam:PassedToService", List.of("pods.eks.amazonaws.com"));
        assertTrue(policy.allows(passToPods));
        assertFalse(policy.allows(passToPods.with("iam:PassedToService", List.of("ec2.amazonaws.com"))));
        assertFalse(policy.allows(new Access("iam:PassRole", passToPods.resource(), caller)), "PassedToService is required");
        assertFalse(policy.allows(new Access("iam:PassRole", "arn:aws:iam::999988887777:role/workload/app", caller)
                .with("iam:PassedToService", List.of("pods.eks.amazonaws.com"))), "another account's role");

        Access attach = new Access("iam:AttachRolePolicy", "arn:aws:iam::" + ACCOUNT + ":role/x", caller);
        assertTrue(policy.allows(attach.with("iam:PolicyARN", List.of("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"))));
        assertFalse(policy.allows(attach.with("iam:PolicyARN", List.of("arn:aws:iam::aws:policy/AdministratorAccess"))));

        Access tag = new Access("eks:TagResource", "arn:aws:eks:eu-west-1:" + ACCOUNT + ":podidentityassociation/prod/*", caller);
        assertTrue(policy.allows(tag.with("aws:TagKeys", List.of("trust-baseline:managed"))));
        assertFalse(policy.allows(tag.with("aws:TagKeys", List.of("trust-baseline:managed", "owner"))));
        assertTrue(policy.allows(new Access("eks:ListClusters", "*", caller)));
        assertFalse(policy.allows(new Access("eks:ListAddons", "arn:aws:eks:eu-west-1:" + ACCOUNT + ":cluster/prod", caller)));
    }

    @Test
    void iamAndEksRefuseInTheirOwnWireFormatNamingTheActionAndTheRole() {
        String world = """
                { "aws": { "accounts": { "111122223333": {
                    "iam": { "roles": { "app": { "path": "/workload/" } } },
                    "regions": { "eu-west-1": { "clusters": { "prod": { "status": "ACTIVE" } } } } } } } }""";
        IamPolicy noPassRole = IamPolicy.deployment().without("iam:PassRole");
        try (LocalCloud cloud = LocalCloud.start(World.parse(world), AwsServices.all(noPassRole))) {
            var iam = LocalAwsClients.iam(cloud.endpoint(), ACCOUNT);
            assertEquals("/workload/", iam.getRole(r -> r.roleName("app")).role().path(), "what the policy grants still works");

            var eks = LocalAwsClients.eks(cloud.endpoint(), ACCOUNT, "eu-west-1");
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> eks.createPodIdentityAssociation(r -> r
                    .clusterName("prod").namespace("app").serviceAccount("app").roleArn("arn:aws:iam::" + ACCOUNT + ":role/workload/app")));
            assertEquals(403, e.statusCode());
            assertTrue(e.getMessage().contains("is not authorized to perform: iam:PassRole on resource: arn:aws:iam::"
                    + ACCOUNT + ":role/workload/app because no identity-based policy allows the iam:PassRole action"), e.getMessage());
        }
        try (LocalCloud cloud = LocalCloud.start(World.parse(world), AwsServices.all())) {
            var iam = LocalAwsClients.iam(cloud.endpoint(), ACCOUNT);
            IamException e = assertThrows(IamException.class, () -> iam.attachRolePolicy(r -> r.roleName("app")
                    .policyArn("arn:aws:iam::aws:policy/AdministratorAccess")));
            assertEquals(403, e.statusCode());
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
            assertTrue(e.getMessage().contains("iam:AttachRolePolicy on resource: arn:aws:iam::" + ACCOUNT + ":role/workload/app"),
                    e.getMessage());
        }
    }
}
