package io.trustbaseline.aws;

import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.aws.IamRole;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapters' own contract, call by call, through the real SDK clients: decoding, paging, error kinds. */
class AdaptersTest {
    static final EksClusterArn PROD = EksClusterArn.of("eu-west-1", LocalAws.ACCOUNT, "eks-prod");
    static final EksClusterArn NEW = EksClusterArn.of("eu-west-1", LocalAws.ACCOUNT, "eks-new");
    LocalAws aws;

    @AfterEach
    void stop() {
        aws.close();
    }

    private AwsClients clients() {
        return aws.runtime.clients();
    }

    @Test
    void getRoleDecodesTheUrlEncodedTrustPolicy() {
        aws = LocalAws.start();

        IamRole role = new IamAdapter(clients()).getRole(LocalAws.ACCOUNT, "payments-api").orElseThrow();

        assertTrue(role.trustPolicy().startsWith("{\"Version\":\"2012-10-17\""), role.trustPolicy());
        assertTrue(role.trustPolicy().contains("\"Service\":\"pods.eks.amazonaws.com\""));
        assertEquals("arn:aws:iam::111122223333:role/workload/payments-api", role.arn());
        assertEquals("payments", role.tags().get("team"));
    }

    @Test
    void aMissingRoleAddonOrClusterReadsAsAbsent() {
        aws = LocalAws.start();

        assertTrue(new IamAdapter(clients()).getRole(LocalAws.ACCOUNT, "nobody").isEmpty());
        assertTrue(new EksAdapter(clients()).describeAddon(PROD, "eks-pod-identity-agent").isEmpty());
        assertTrue(new EksTargetAdapter(clients()).describe(EksClusterArn.of("eu-west-1", LocalAws.ACCOUNT, "gone")).isEmpty());
    }

    @Test
    void aClusterIsReadyOnlyWhenActiveAndItsRegionIsItsLocation() {
        aws = LocalAws.start();
        EksTargetAdapter targets = new EksTargetAdapter(clients());

        var prod = targets.describe(PROD).orElseThrow();
        var creating = targets.describe(NEW).orElseThrow();

        assertTrue(prod.ready());
        assertEquals("eu-west-1", prod.location());
        assertEquals("prod", prod.tags().get("env"));
        assertEquals("CREATING", creating.state());
        assertTrue(!creating.ready());
    }

    @Test
    void aWriteOnAClusterThatIsNotActiveIsNotReady() {
        aws = LocalAws.start();

        CloudException e = assertThrows(CloudException.class,
                () -> new EksAdapter(clients()).createAddon(NEW, "eks-pod-identity-agent", null));

        assertEquals(CloudException.Kind.NOT_READY, e.kind());
        assertEquals("InvalidRequestException", e.code());
    }

    @Test
    void creatingWhatSomeoneElseJustCreatedIsAConflict() {
        aws = LocalAws.start();
        EksAdapter eks = new EksAdapter(clients());
        eks.createAddon(PROD, "eks-pod-identity-agent", null);

        CloudException e = assertThrows(CloudException.class, () -> eks.createAddon(PROD, "eks-pod-identity-agent", null));

        assertEquals(CloudException.Kind.CONFLICT, e.kind());
    }

    @Test
    void iamThrottlingIsTransientWithTheRetryAfterTheServiceAskedFor() {
        aws = LocalAws.start();
        aws.cloud.world().addFault(new Fault("iam:GetRole", "Throttling", null, 7, 1));

        CloudException e = assertThrows(CloudException.class,
                () -> new IamAdapter(clients()).getRole(LocalAws.ACCOUNT, "payments-api"));

        assertEquals(CloudException.Kind.TRANSIENT, e.kind());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    }

    @Test
    void aServerErrorIsTransient() {
        aws = LocalAws.start();
        aws.cloud.world().addFault(new Fault("eks:DescribeCluster", "ServerException", null, null, 1));

        CloudException e = assertThrows(CloudException.class, () -> new EksTargetAdapter(clients()).describe(PROD));

        assertEquals(CloudException.Kind.TRANSIENT, e.kind());
    }

    @Test
    void aCallThatHangsPastTheCallTimeoutFailsAsTransient() {
        aws = LocalAws.start(World.load(LocalAws.SAMPLES.resolve("world.json")), c -> c.withCallTimeout(Duration.ofMillis(500)));
        aws.cloud.world().addFault(new Fault("eks:DescribeCluster", "Timeout", null, null, 1));

        CloudException e = assertThrows(CloudException.class, () -> new EksTargetAdapter(clients()).describe(PROD));

        assertEquals(CloudException.Kind.TRANSIENT, e.kind(), e::getMessage);
    }

    @Test
    void iamAccessDeniedNamesTheIamAction() {
        aws = LocalAws.start();
        aws.cloud.world().addFault(new Fault("iam:AttachRolePolicy", "AccessDenied", null, null, 1));

        CloudException e = assertThrows(CloudException.class, () -> new IamAdapter(clients())
                .attachRolePolicy(LocalAws.ACCOUNT, "payments-api", "arn:aws:iam::aws:policy/ReadOnlyAccess"));

        assertEquals(CloudException.Kind.ACCESS_DENIED, e.kind());
        assertEquals("iam:AttachRolePolicy", e.permission());
        assertTrue(!e.getMessage().contains("local-cloud-secret"));
    }

    @Test
    void theInventoryListsClustersAPageAtATimeEachPageOneCall() {
        World world = World.load(LocalAws.SAMPLES.resolve("world.json"));
        world.locked(root -> {
            var clusters = (com.fasterxml.jackson.databind.node.ObjectNode) root.path("aws").path("accounts")
                    .path(LocalAws.ACCOUNT).path("regions").path("eu-west-1").path("clusters");
            for (int i = 0; i < 150; i++) {
                clusters.putObject(String.format("bulk-%03d", i)).put("status", "ACTIVE");
            }
            return null;
        });
        aws = LocalAws.start(world, c -> c);

        EksInventory inventory = new EksInventory(clients(), java.util.List.of(LocalAws.ACCOUNT), java.util.List.of("eu-west-1"));
        var scope = inventory.scopes().get(0);

        var first = inventory.page(scope, java.util.Optional.empty());
        var second = inventory.page(scope, first.next());

        assertEquals(EksInventory.PAGE_SIZE, first.targets().size());
        assertEquals(52, second.targets().size());
        assertTrue(second.next().isEmpty(), "the last page has no next token");
        assertEquals("arn:aws:eks:eu-west-1:111122223333:cluster/*", scope.id());
        assertEquals(2, aws.calls().byApi().get("eks:ListClusters"));
    }
}
