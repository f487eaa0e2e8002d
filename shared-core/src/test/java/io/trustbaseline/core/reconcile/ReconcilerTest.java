package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.fake.Fixtures.RecordingSleeper;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.PlanAction;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trustbaseline.core.fake.Fixtures.ACCOUNT;
import static io.trustbaseline.core.fake.Fixtures.ACR;
import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.EKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reconcile flow on the example baseline: apply, verify, idempotency, not ready, missing, dry run, retries. */
class ReconcilerTest {
    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/prod-eks-ebs-csi";
    private final FakeCloud cloud = Fixtures.readyCloud();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final TrustBaseline trust = Fixtures.trustBaseline(cloud, sleeper);

    private Report event(Target target) {
        return trust.handle(Request.baseline("evt-1", "event-grid", Trigger.EVENT, target, false));
    }

    private static List<ItemReport> items(Report report) {
        return report.targets().get(0).items();
    }

    @Test
    void anAzureClusterIsBroughtToTheBaselineAndASecondRunMakesNoWrites() {
        Report first = event(AKS);

        assertEquals(Status.APPLIED, first.status(), first::toJson);
        ItemReport item = items(first).get(0);
        assertEquals("aks-trusted-access", item.setting());
        assertEquals("aml-central", item.name());
        assertEquals(PlanAction.CREATE, item.action());
        assertEquals(ItemStatus.APPLIED, item.status());
        assertNull(item.before());
        assertEquals(1, first.calls().writes());
        assertEquals(1, cloud.bindings(AKS).size());

        int writesBefore = cloud.writes().size();
        Report second = event(AKS);

        assertEquals(Status.COMPLIANT, second.status(), second::toJson);
        assertEquals(PlanAction.NOOP, items(second).get(0).action());
        assertEquals(0, second.calls().writes());
        assertTrue(second.calls().reads() > 0);
        assertEquals(writesBefore, cloud.writes().size());
    }

    @Test
    void anEksClusterIsBroughtToTheBaselineAndASecondRunMakesNoWrites() {
        Report first = event(EKS);

        assertEquals(Status.APPLIED, first.status(), first::toJson);
        assertEquals(List.of("eks-pod-identity-agent", "eks-pod-identity"),
                items(first).stream().map(ItemReport::setting).toList());
        assertTrue(items(first).stream().allMatch(i -> i.status() == ItemStatus.APPLIED));
        assertEquals(4, first.calls().writes(), "add-on, role, policy, association");
        assertTrue(cloud.role(ACCOUNT, "prod-eks-ebs-csi").isPresent());

        int writesBefore = cloud.writes().size();
        Report second = event(EKS);

        assertEquals(Status.COMPLIANT, second.status(), second::toJson);
        assertEquals(0, second.calls().writes());
        assertEquals(writesBefore, cloud.writes().size());
    }

    @Test
    void anEksClusterIsVerifiedFromTheAnswersOfTheWritesThatReturnTheFinalStateAndReReadsTheOthers() {
        Report first = event(EKS);

        assertEquals(Status.APPLIED, first.status(), first::toJson);
        // CreateRole answers the role and CreatePodIdentityAssociation the association: nothing of theirs is read again
        assertEquals(1, cloud.calls("iam.getRole"), "the plan's GetRole only");
        assertEquals(1, cloud.calls("eks.listAssociationIds"), "the plan's listing only");
        assertEquals(0, cloud.calls("eks.describeAssociation"));
        // AttachRolePolicy answers nothing and CreateAddon answers CREATING: those are read again to verify
        assertEquals(1, cloud.calls("iam.listAttachedPolicyArns"), "the verification's");
        assertEquals(2, cloud.calls("eks.describeAddon"), "the plan's and the verification's");
    }

    @Test
    void aTargetThatIsNotReadyIsDeferredWithNothingWritten() {
        cloud.target(AKS, new TargetState("Updating", false, "westeurope", Map.of("env", "prod")));

        Report report = event(AKS);

        assertEquals(Status.DEFERRED, report.status());
        TargetReport target = report.targets().get(0);
        assertTrue(target.message().contains("Updating, not ready"), target.message());
        assertEquals(ItemStatus.DEFERRED, target.items().get(0).status());
        assertEquals(0, report.calls().writes());
        assertEquals(1, report.calls().reads(), "only the target was read");
        assertTrue(cloud.writes().isEmpty());
        assertTrue(report.retryable());
    }

    @Test
    void aMissingTargetFailsWithResourceNotFound() {
        FakeCloud empty = new FakeCloud();

        Report report = Fixtures.trustBaseline(empty).handle(Request.baseline("evt-2", "event-grid", Trigger.EVENT, AKS, false));

        assertEquals(Status.FAILED, report.status());
        assertEquals("ResourceNotFound", report.targets().get(0).error().code());
        assertTrue(empty.writes().isEmpty());
        assertTrue(!report.retryable(), "a deleted target is not worth redelivering");
    }

    @Test
    void aDryRunPlansAndWritesNothing() {
        Report report = trust.handle(Request.baseline("dry-1", "alice", Trigger.MANUAL, EKS, true));

        assertEquals(Status.PLANNED, report.status(), report::toJson);
        assertTrue(report.dryRun());
        assertTrue(items(report).stream().allMatch(i -> i.status() == ItemStatus.PLANNED));
        assertEquals(List.of(PlanAction.CREATE, PlanAction.CREATE), items(report).stream().map(ItemReport::action).toList());
        assertTrue(items(report).get(0).message().startsWith("dry run: "));
        assertEquals(0, report.calls().writes());
        assertTrue(cloud.writes().isEmpty());
        assertTrue(cloud.associations(EKS).isEmpty());
    }

    @Test
    void aForcedDryRunPlansATicketThatAsksToWrite() {
        String ticket = """
            { "schemaVersion": 1, "requestId": "CHG1", "requestedBy": "alice", "dryRun": false,
              "target": { "azureResourceId": "%s" } }
            """.formatted(AKS.id());

        Report report = trust.handle(ticket, Trigger.TICKET, true);

        assertTrue(report.dryRun());
        assertEquals(Status.PLANNED, report.status(), report::toJson);
        assertEquals(0, report.calls().writes());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void throttlingTwiceIsRetriedAndTheReportCountsEveryAttempt() {
        cloud.failNext("trustedAccess.putBinding", 2, Fixtures.throttled());
        cloud.failNext("trustedAccess.listBindings", 2, Fixtures.throttled());

        Report report = event(AKS);

        assertEquals(Status.APPLIED, report.status(), report::toJson);
        assertEquals(3, report.calls().writes(), "one write and two throttled attempts");
        // target, listBindings x3 (two throttled), listRoles, then the verifying listBindings
        assertEquals(1 + 3 + 1 + 1, report.calls().reads());
        assertEquals(List.of("trustedAccess.putBinding aks-prod/aml-central"), cloud.writes());
        assertEquals(4, sleeper.sleeps.size());
    }

    @Test
    void aTransientFailureThatOutlastsTheRetriesFailsTheItemAndAsksForRedelivery() {
        cloud.failNext("registry.setNetworkRuleBypass", 10, Fixtures.throttled());
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "None"));

        Report report = event(ACR);

        assertEquals(Status.FAILED, report.status());
        ItemReport item = items(report).get(0);
        assertEquals(ItemStatus.FAILED, item.status());
        assertTrue(item.error().isTransient());
        assertEquals(RetryPolicy.standard().maxAttempts(), report.calls().writes());
        assertTrue(report.retryable());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void accessDeniedIsReportedWithTheMissingPermission() {
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "None"));
        cloud.failNext("registry.setNetworkRuleBypass", 1, CloudException.accessDenied("AuthorizationFailed",
                "denied", "Microsoft.ContainerRegistry/registries/write", null));

        ItemReport item = items(event(ACR)).get(0);

        assertEquals(ItemStatus.FAILED, item.status());
        assertEquals("Microsoft.ContainerRegistry/registries/write", item.error().permission());
        assertTrue(item.message().contains("the function lacks Microsoft.ContainerRegistry/registries/write"));
        assertEquals(1, cloud.calls("registry.setNetworkRuleBypass"), "access denied is not retried");
    }

    @Test
    void aForcedDryRunOverridesADocumentThatAsksToWrite() {
        String ticket = """
                {"schemaVersion": 1, "requestId": "CHG-1", "requestedBy": "alice", "dryRun": false,
                 "target": {"eksClusterArn": "%s"}}""".formatted(EKS.id());

        Report report = trust.handle(ticket, Trigger.TICKET, true);

        assertTrue(report.dryRun());
        assertEquals(Status.PLANNED, report.status(), report::toJson);
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aBlockedItemFailsTheTargetAndWritesNothing() {
        cloud.registry(ACR, new RegistryNetwork("Basic", "Enabled", "None"));

        Report report = event(ACR);

        assertEquals(Status.FAILED, report.status());
        assertEquals(ItemStatus.BLOCKED, items(report).get(0).status());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void anAgentStillCreatingAfterTheWriteIsDeferredNotFailed() {
        cloud.eks.newAddonStatus = "CREATING";

        Report report = trust.handle(new Request("r", "alice", Trigger.MANUAL, io.trustbaseline.core.request.Action.ENSURE,
                false, EKS, java.util.Optional.of(List.of(new io.trustbaseline.core.setting.aws.EksPodIdentityAgent.Item(null)))));

        assertEquals(Status.DEFERRED, report.status(), report::toJson);
        assertTrue(items(report).get(0).message().contains("not verified yet"));
        assertEquals(1, report.calls().writes());
    }

    @Test
    void aCreateRoleWhoseAnswerWasLostIsRetriedFindsItsOwnRoleAndAppliesWhatIsLeft() {
        cloud.failAfterNext("iam.createRole", 1, CloudException.transientFailure("ServiceFailure", "no answer", null, null));

        Report report = event(EKS);

        assertEquals(Status.APPLIED, report.status(), report::toJson);
        ItemReport identity = items(report).get(1);
        assertEquals(ItemStatus.APPLIED, identity.status(), identity.message());
        assertTrue(identity.message().endsWith("(planned again after 1 conflict)"), identity.message());
        assertEquals(2, cloud.calls("iam.createRole"), "the lost answer and the retry that found the role");
        assertEquals(List.of("eks.createAddon prod-eks eks-pod-identity-agent", "iam.createRole prod-eks-ebs-csi",
                        "iam.attachRolePolicy prod-eks-ebs-csi " + Fixtures.EBS_POLICY,
                        "eks.createAssociation kube-system/ebs-csi-controller-sa " + ROLE_ARN),
                cloud.writes(), "every change made once: nothing twice, nothing left undone");
        assertEquals(Status.COMPLIANT, event(EKS).status());
    }

    @Test
    void aConcurrentWriterThatFinishedFirstLeavesTheItemCompliantWithNothingWrittenTwice() {
        TrustBaseline other = Fixtures.trustBaseline(cloud);
        cloud.beforeNext("iam.createRole", () -> other.handle(Request.baseline("evt-0", "event-grid", Trigger.EVENT,
                EKS, false)));

        Report report = event(EKS);

        ItemReport identity = items(report).get(1);
        assertEquals(ItemStatus.COMPLIANT, identity.status(), report::toJson);
        assertEquals(1, cloud.writes().stream().filter(w -> w.startsWith("iam.createRole")).count());
        assertEquals(1, cloud.writes().stream().filter(w -> w.startsWith("iam.attachRolePolicy")).count());
        assertEquals(1, cloud.associations(EKS).size());
    }

    @Test
    void conflictsThatKeepComingAreBoundedAndLeaveTheItemToALaterDelivery() {
        cloud.failNext("iam.attachRolePolicy", 10, CloudException.of(CloudException.Kind.CONFLICT,
                "ConcurrentWriter", "changed by someone else", null));

        Report report = event(EKS);

        ItemReport identity = items(report).get(1);
        assertEquals(ItemStatus.FAILED, identity.status(), report::toJson);
        assertEquals("Conflict", identity.error().code());
        assertTrue(identity.error().isTransient());
        assertTrue(report.retryable(), "exhausted conflicts come back through the queue, never lost");
        assertEquals(Reconciler.CONFLICT_ROUNDS + 1, cloud.calls("iam.attachRolePolicy"),
                "the first attempt and one per round planned again");
        assertTrue(cloud.associations(EKS).isEmpty(), "what comes after the conflicting write waits for the retry");
    }
}
