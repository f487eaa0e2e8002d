package io.trustbaseline.localcloud.aws;

import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.ManualClock;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time and catalogues on the AWS side: a cluster becomes ACTIVE after its readyAfterMs; a new IAM role is not visible to
 * EKS until aws.iamPropagationMs has passed; CreateAddon takes only a version DescribeAddonVersions offers;
 * AttachRolePolicy only an AWS managed policy that exists in the aws partition.
 */
class TimeAndCatalogueTest {
    static final String ACCOUNT = "111122223333";
    static final String WORLD = """
            { "aws": { "iamPropagationMs": 10000, "accounts": { "111122223333": {
                "iam": { "roles": { "seeded": { "path": "/" } } },
                "regions": { "eu-west-1": { "clusters": {
                  "prod": { "status": "ACTIVE", "version": "1.31" },
                  "new":  { "status": "CREATING", "version": "1.31", "readyAfterMs": 900000 } } } } } } } }""";

    @Test
    void aClusterIsCreatingUntilItsReadyAfterMsThenActive() {
        World world = World.parse(WORLD);
        ManualClock clock = new ManualClock();
        world.useClock(clock);
        try (LocalCloud cloud = LocalCloud.start(world, AwsServices.all())) {
            var eks = LocalAwsClients.eks(cloud.endpoint(), ACCOUNT, "eu-west-1");
            assertEquals(ClusterStatus.CREATING, eks.describeCluster(r -> r.name("new")).cluster().status());
            assertThrows(InvalidRequestException.class, () -> eks.createAddon(r -> r.clusterName("new").addonName("eks-pod-identity-agent")));
            clock.advance(Duration.ofMinutes(15));
            assertEquals(ClusterStatus.ACTIVE, eks.describeCluster(r -> r.name("new")).cluster().status());
        }
    }

    @Test
    void aNewRoleIsNotVisibleToEksUntilIamHasPropagatedIt() {
        World world = World.parse(WORLD);
        ManualClock clock = new ManualClock();
        world.useClock(clock);
        try (LocalCloud cloud = LocalCloud.start(world, AwsServices.all())) {
            var iam = LocalAwsClients.iam(cloud.endpoint(), ACCOUNT);
            var eks = LocalAwsClients.eks(cloud.endpoint(), ACCOUNT, "eu-west-1");
            String arn = iam.createRole(r -> r.roleName("fresh").assumeRolePolicyDocument("{\"Statement\":[]}")).role().arn();
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> eks.createPodIdentityAssociation(
                    r -> r.clusterName("prod").namespace("app").serviceAccount("app").roleArn(arn)));
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
            eks.createPodIdentityAssociation(r -> r.clusterName("prod").namespace("old").serviceAccount("app")
                    .roleArn("arn:aws:iam::" + ACCOUNT + ":role/seeded"));

            clock.advance(Duration.ofSeconds(10));
            assertEquals(arn, eks.createPodIdentityAssociation(r -> r.clusterName("prod").namespace("app").serviceAccount("app")
                    .roleArn(arn)).association().roleArn());
        }
    }

    @Test
    void createAddonTakesOnlyAVersionDescribeAddonVersionsOffers() {
        try (LocalCloud cloud = LocalCloud.start(World.parse(WORLD.replace("{ \"aws\"", "{ \"permissions\": \"unrestricted\", \"aws\"")),
                AwsServices.all())) {
            var eks = LocalAwsClients.eks(cloud.endpoint(), ACCOUNT, "eu-west-1");
            var offered = eks.describeAddonVersions(r -> r.addonName("eks-pod-identity-agent").kubernetesVersion("1.31")).addons();
            assertEquals(1, offered.size());
            String newest = offered.get(0).addonVersions().get(0).addonVersion();
            assertTrue(offered.get(0).addonVersions().get(0).compatibilities().get(0).defaultVersion());

            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> eks.createAddon(
                    r -> r.clusterName("prod").addonName("eks-pod-identity-agent").addonVersion("v9.9.9-eksbuild.1")));
            assertEquals("Addon version specified is not supported", e.awsErrorDetails().errorMessage());
            assertThrows(InvalidParameterException.class, () -> eks.createAddon(r -> r.clusterName("prod").addonName("no-such-addon")));
            assertEquals(newest, eks.createAddon(r -> r.clusterName("prod").addonName("eks-pod-identity-agent")).addon().addonVersion());
        }
    }

    @Test
    void attachRolePolicyRefusesAManagedPolicyThatDoesNotExistOrIsAnotherPartitions() {
        try (LocalCloud cloud = LocalCloud.start(World.parse(WORLD), AwsServices.all())) {
            var iam = LocalAwsClients.iam(cloud.endpoint(), ACCOUNT);
            iam.attachRolePolicy(r -> r.roleName("seeded").policyArn("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"));
            for (String arn : new String[] {"arn:aws:iam::aws:policy/NoSuchPolicy",
                    "arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"}) {
                NoSuchEntityException e = assertThrows(NoSuchEntityException.class,
                        () -> iam.attachRolePolicy(r -> r.roleName("seeded").policyArn(arn)));
                assertEquals("Policy " + arn + " does not exist or is not attachable.", e.awsErrorDetails().errorMessage());
            }
        }
    }
}
