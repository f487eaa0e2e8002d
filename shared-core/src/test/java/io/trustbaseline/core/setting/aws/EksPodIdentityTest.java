package io.trustbaseline.core.setting.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.aws.IamRole;
import io.trustbaseline.core.port.aws.PodIdentityAssociation;
import io.trustbaseline.core.reconcile.TestContexts;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.PlanAction;
import io.trustbaseline.core.setting.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trustbaseline.core.fake.Fixtures.ACCOUNT;
import static io.trustbaseline.core.fake.Fixtures.EBS_POLICY;
import static io.trustbaseline.core.fake.Fixtures.EKS;
import static io.trustbaseline.core.fake.Fixtures.EKS_READY;
import static io.trustbaseline.core.fake.Fixtures.OTHER_ACCOUNT;
import static io.trustbaseline.core.fake.Fixtures.readyCloud;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EksPodIdentityTest {
    private static final String APP_ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/workload/app";
    private static final String EC2_STATEMENT = """
            {"Sid":"Ec2","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""";
    private static final Map<String, String> MANAGED = Map.of(EksPodIdentity.MANAGED_TAG, "true");

    private final FakeCloud cloud = readyCloud();

    private Plan plan(EksPodIdentity.Item item, Action action) {
        return new EksPodIdentity().plan(item, action, TestContexts.of(EKS, EKS_READY, cloud.ports()));
    }

    private static EksPodIdentity.Item managed(boolean restrictToCluster) {
        return new EksPodIdentity.Item("kube-system", "ebs-csi-controller-sa", null,
                new EksPodIdentity.RoleSpec("{cluster}-ebs-csi", "/", List.of(EBS_POLICY), null, restrictToCluster),
                null, false);
    }

    private static EksPodIdentity.Item byArn(String roleArn) {
        return new EksPodIdentity.Item("apps", "api", roleArn, null, null, false);
    }

    private void appRole(String trustPolicy) {
        cloud.role(ACCOUNT, new IamRole("app", "/workload/", APP_ROLE_ARN, trustPolicy, null, Map.of()), List.of());
    }

    /** An association trust-baseline created (its tag). */
    private void association(String namespace, String serviceAccount, String roleArn) {
        cloud.association(EKS, new PodIdentityAssociation(null, namespace, serviceAccount, roleArn, null, null, MANAGED));
    }

    /** An association made by hand (no tag), or owned by an EKS add-on when {@code ownerArn} is given. */
    private void foreignAssociation(String roleArn, String ownerArn) {
        cloud.association(EKS, new PodIdentityAssociation(null, "apps", "api", roleArn, null, null, null, null,
                ownerArn, Map.of()));
    }

    private static EksPodIdentity.Item adopting(String roleArn) {
        return new EksPodIdentity.Item("apps", "api", roleArn, null, null, false, null, true);
    }

    @Test
    void aNewManagedRoleIsCreatedTrustedAttachedAndAssociated() {
        Plan step = plan(managed(false), Action.ENSURE);

        assertEquals(PlanAction.CREATE, step.action());
        assertTrue(cloud.writes().isEmpty(), "planning only reads");
        step.change().apply();

        assertEquals(List.of("iam.createRole prod-eks-ebs-csi",
                "iam.attachRolePolicy prod-eks-ebs-csi " + EBS_POLICY,
                "eks.createAssociation kube-system/ebs-csi-controller-sa arn:aws:iam::" + ACCOUNT + ":role/prod-eks-ebs-csi"),
                cloud.writes());
        IamRole role = cloud.role(ACCOUNT, "prod-eks-ebs-csi").orElseThrow();
        assertTrue(TrustPolicies.grantsPodIdentity(role.trustPolicy(), null), role.trustPolicy());
        assertEquals("true", role.tags().get(EksPodIdentity.MANAGED_TAG));
        assertEquals(List.of(EBS_POLICY), cloud.attachedPolicies(ACCOUNT, "prod-eks-ebs-csi"));
        assertEquals(PlanAction.NOOP, plan(managed(false), Action.ENSURE).action(), "then it is compliant");
    }

    @Test
    void aRoleRestrictedToTheClusterTrustsOnlyThatCluster() {
        plan(managed(true), Action.ENSURE).change().apply();

        JsonNode statement = Json.MAPPER.valueToTree(
                readTree(cloud.role(ACCOUNT, "prod-eks-ebs-csi").orElseThrow().trustPolicy())).path("Statement").get(0);
        assertEquals(ACCOUNT, statement.path("Condition").path("StringEquals").path("aws:SourceAccount").asText());
        assertEquals(EKS.id(), statement.path("Condition").path("StringEquals").path("aws:RequestTag/eks-cluster-arn").asText());
    }

    @Test
    void aTargetRoleTrustBaselineManagesTrustsTheRoleOnlyWithTheAssociationsExternalId() {
        cloud.served.add(OTHER_ACCOUNT);
        appRole(TrustPolicy.standard(null));
        String target = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/workload/data";
        cloud.role(OTHER_ACCOUNT, new IamRole("data", "/workload/", target, "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                null, MANAGED), List.of());
        EksPodIdentity.Item item = new EksPodIdentity.Item("apps", "api", APP_ROLE_ARN, null, target, false);

        plan(item, Action.ENSURE).change().apply();

        String externalId = cloud.associations(EKS).get(0).externalId();
        JsonNode statement = Json.MAPPER.valueToTree(readTree(cloud.role(OTHER_ACCOUNT, "data").orElseThrow().trustPolicy()))
                .path("Statement").get(0);
        assertEquals(APP_ROLE_ARN, statement.path("Principal").path("AWS").asText());
        assertEquals(externalId, statement.path("Condition").path("StringEquals").path("sts:ExternalId").asText());
        assertEquals(PlanAction.NOOP, plan(item, Action.ENSURE).action(), "then it is compliant");
    }

    @Test
    void aTargetRoleTrustBaselineDoesNotManageIsLeftToItsOwner() {
        cloud.served.add(OTHER_ACCOUNT);
        appRole(TrustPolicy.standard(null));
        String target = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/workload/data";
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        cloud.role(OTHER_ACCOUNT, new IamRole("data", "/workload/", target, trust, null, Map.of()), List.of());

        plan(new EksPodIdentity.Item("apps", "api", APP_ROLE_ARN, null, target, false), Action.ENSURE).change().apply();

        assertEquals(trust, cloud.role(OTHER_ACCOUNT, "data").orElseThrow().trustPolicy());
        assertTrue(cloud.writes().stream().noneMatch(w -> w.contains("updateAssumeRolePolicy data")), cloud.writes()::toString);
    }

    @Test
    void anAssociationTrustBaselineCreatedWithAnotherRoleIsUpdated() {
        appRole(TrustPolicy.standard(null));
        association("apps", "api", "arn:aws:iam::" + ACCOUNT + ":role/workload/old");

        Plan step = plan(byArn(APP_ROLE_ARN), Action.ENSURE);

        assertEquals(PlanAction.UPDATE, step.action());
        step.change().apply();
        assertEquals(List.of("eks.updateAssociation a-1 " + APP_ROLE_ARN), cloud.writes());
        assertEquals(APP_ROLE_ARN, cloud.associations(EKS).get(0).roleArn());
        assertEquals(1, cloud.associations(EKS).size());
    }

    @Test
    void anAssociationTrustBaselineDidNotCreateIsNotChangedByAnItemThatDoesNotAdoptIt() {
        appRole(TrustPolicy.standard(null));
        String old = "arn:aws:iam::" + ACCOUNT + ":role/workload/old";
        foreignAssociation(old, null);

        Plan step = plan(byArn(APP_ROLE_ARN), Action.ENSURE);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertEquals("serviceAccount", step.refusal().field());
        assertEquals("ownership", step.refusal().rule());
        assertTrue(step.message().contains("adopt: true"), step.message());
        assertNull(step.change());
        assertTrue(cloud.writes().isEmpty());
        assertEquals(old, cloud.associations(EKS).get(0).roleArn());
    }

    @Test
    void anAssociationTrustBaselineDidNotCreateIsLeftAloneWhenItAlreadyHoldsWhatTheItemAsks() {
        appRole(TrustPolicy.standard(null));
        foreignAssociation(APP_ROLE_ARN, null);

        assertEquals(PlanAction.NOOP, plan(byArn(APP_ROLE_ARN), Action.ENSURE).action());
    }

    @Test
    void anAdoptingItemRepointsAnAssociationTrustBaselineDidNotCreate() {
        appRole(TrustPolicy.standard(null));
        foreignAssociation("arn:aws:iam::" + ACCOUNT + ":role/workload/old", null);

        Plan step = plan(adopting(APP_ROLE_ARN), Action.ENSURE);

        assertEquals(PlanAction.UPDATE, step.action());
        step.change().apply();
        assertEquals(List.of("eks.updateAssociation a-1 " + APP_ROLE_ARN), cloud.writes());
        assertEquals(APP_ROLE_ARN, cloud.associations(EKS).get(0).roleArn());
        assertEquals(PlanAction.NOOP, plan(adopting(APP_ROLE_ARN), Action.ENSURE).action(), "then it is compliant");
    }

    @Test
    void anAssociationAnAddOnOwnsIsNotChangedEvenWhenAdopted() {
        appRole(TrustPolicy.standard(null));
        String old = "arn:aws:iam::" + ACCOUNT + ":role/workload/old";
        foreignAssociation(old, "arn:aws:eks:eu-west-1:" + ACCOUNT + ":addon/prod-eks/aws-ebs-csi-driver/abc");

        Plan step = plan(adopting(APP_ROLE_ARN), Action.ENSURE);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertEquals("serviceAccount", step.refusal().field());
        assertEquals("ownership", step.refusal().rule());
        assertNull(step.change());
        assertTrue(cloud.writes().isEmpty());
        assertEquals(old, cloud.associations(EKS).get(0).roleArn());
    }

    @Test
    void aRoleWhoseTrustPolicyLacksPodIdentityGainsTheStatementAndKeepsTheOthers() {
        appRole("{\"Version\":\"2012-10-17\",\"Statement\":[" + EC2_STATEMENT + "]}");
        association("apps", "api", APP_ROLE_ARN);

        Plan step = plan(byArn(APP_ROLE_ARN), Action.ENSURE);

        assertEquals(PlanAction.UPDATE, step.action());
        step.change().apply();
        assertEquals(List.of("iam.updateAssumeRolePolicy app"), cloud.writes());
        JsonNode statements = readTree(cloud.role(ACCOUNT, "app").orElseThrow().trustPolicy()).path("Statement");
        assertEquals(2, statements.size());
        assertEquals(readTree(EC2_STATEMENT), statements.get(0));
        assertTrue(TrustPolicies.grantsPodIdentity(cloud.role(ACCOUNT, "app").orElseThrow().trustPolicy(), null));
    }

    @Test
    void anUntaggedRoleOfTheManagedNameIsNeverTakenOver() {
        cloud.role(ACCOUNT, new IamRole("prod-eks-ebs-csi", "/", "arn:aws:iam::" + ACCOUNT + ":role/prod-eks-ebs-csi",
                "{\"Version\":\"2012-10-17\",\"Statement\":[" + EC2_STATEMENT + "]}", null, Map.of()), List.of());

        Plan step = plan(managed(false), Action.ENSURE);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertTrue(step.message().contains("exists but trust-baseline does not manage it"), step.message());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aRoleArnInAnotherAccountIsRefusedNamingTheFieldAndRule() {
        Plan step = plan(byArn("arn:aws:iam::" + OTHER_ACCOUNT + ":role/workload/app"), Action.ENSURE);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertTrue(step.message().contains("is in account " + OTHER_ACCOUNT + ", not the cluster's " + ACCOUNT), step.message());
        assertEquals("roleArn", step.refusal().field());
        assertEquals("same-account", step.refusal().rule());
        assertEquals(0, cloud.calls("iam.getRole"));
    }

    @Test
    void aMissingRoleArnRoleIsBlocked() {
        Plan step = plan(byArn(APP_ROLE_ARN), Action.ENSURE);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertTrue(step.message().contains("the role " + APP_ROLE_ARN + " does not exist"), step.message());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aManagedRoleMissingAPolicyGetsItAttached() {
        cloud.role(ACCOUNT, new IamRole("prod-eks-ebs-csi", "/", "arn:aws:iam::" + ACCOUNT + ":role/prod-eks-ebs-csi",
                TrustPolicy.standard(null), null, MANAGED), List.of());
        association("kube-system", "ebs-csi-controller-sa", "arn:aws:iam::" + ACCOUNT + ":role/prod-eks-ebs-csi");

        Plan step = plan(managed(false), Action.ENSURE);

        assertEquals(PlanAction.UPDATE, step.action());
        step.change().apply();
        assertEquals(List.of("iam.attachRolePolicy prod-eks-ebs-csi " + EBS_POLICY), cloud.writes());
    }

    @Test
    void removeDeletesTheAssociationAndKeepsTheRole() {
        appRole(TrustPolicy.standard(null));
        association("apps", "api", APP_ROLE_ARN);

        Plan step = plan(new EksPodIdentity.Item("apps", "api", null, null, null, false), Action.REMOVE);

        assertEquals(PlanAction.REMOVE, step.action());
        step.change().apply();
        assertTrue(cloud.associations(EKS).isEmpty());
        assertTrue(cloud.role(ACCOUNT, "app").isPresent());
        assertEquals(List.of("eks.deleteAssociation a-1"), cloud.writes());
    }

    @Test
    void removingAnAbsentAssociationIsANoop() {
        Plan step = plan(new EksPodIdentity.Item("apps", "api", null, null, null, false), Action.REMOVE);

        assertEquals(PlanAction.NOOP, step.action());
        assertTrue(cloud.writes().isEmpty());
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAssociationRefusedRightAfterItsRoleWasCreatedIsDeferredNotFailed() {
        cloud.failNext("eks.createAssociation", 1, CloudException.of(CloudException.Kind.REJECTED,
                "InvalidParameterException", "role does not exist", null));
        Plan step = plan(managed(false), Action.ENSURE);

        CloudException e = assertThrows(CloudException.class, () -> step.change().apply());

        assertEquals(CloudException.Kind.NOT_READY, e.kind(), "IAM is eventually consistent: retry, do not give up");
        assertTrue(e.getMessage().contains("eventually consistent"), e.getMessage());
    }

    @Test
    void anAssociationRefusedForARoleThatAlreadyExistedStaysRefused() {
        appRole(TrustPolicy.standard(null));
        cloud.failNext("eks.createAssociation", 1, CloudException.of(CloudException.Kind.REJECTED,
                "InvalidParameterException", "bad role", null));
        Plan step = plan(byArn(APP_ROLE_ARN), Action.ENSURE);

        CloudException e = assertThrows(CloudException.class, () -> step.change().apply());

        assertEquals(CloudException.Kind.REJECTED, e.kind());
    }
}
