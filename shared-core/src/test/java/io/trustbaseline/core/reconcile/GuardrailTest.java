package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.request.Trigger;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.EKS;
import static io.trustbaseline.core.fake.Fixtures.ML_SOURCE;
import static io.trustbaseline.core.fake.Fixtures.MLWORKLOAD;
import static io.trustbaseline.core.fake.Fixtures.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request that breaks a guardrail of the example baseline is rejected whole, names field and rule, writes nothing. */
class GuardrailTest {
    private static final String APP_ROLE = "arn:aws:iam::111122223333:role/workload/app";

    private final FakeCloud cloud = Fixtures.readyCloud();

    private static String ticket(String target, String... items) {
        return """
                {"schemaVersion": 1, "requestId": "CHG1", "requestedBy": "alice@example.com",
                 "target": %s, "settings": [%s]}""".formatted(target, String.join(", ", items));
    }

    private static String aks() { return "{\"azureResourceId\": \"" + AKS.id() + "\"}"; }

    private static String eks() { return "{\"eksClusterArn\": \"" + EKS.id() + "\"}"; }

    private static String binding(String name, String source, String role) {
        return "{\"type\": \"aks-trusted-access\", \"name\": \"" + name + "\", \"sourceResourceId\": \"" + source
                + "\", \"roles\": [\"" + role + "\"]}";
    }

    private static String podIdentity(String namespace, String binding) {
        return "{\"type\": \"eks-pod-identity\", \"namespace\": \"" + namespace + "\", \"serviceAccount\": \"api\", " + binding + "}";
    }

    private FieldError rejectedWith(String json, String field, String rule) {
        Report report = Fixtures.trustBaseline(cloud).handle(json, Trigger.TICKET);
        assertEquals(Status.REJECTED, report.status(), report::toJson);
        assertEquals(Calls.NONE, report.calls());
        assertEquals(0, cloud.totalCalls(), "a rejected request makes no cloud call");
        assertTrue(cloud.writes().isEmpty());
        List<FieldError> errors = report.errors();
        return errors.stream().filter(e -> e.field().equals(field) && e.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " at " + field + " in " + errors));
    }

    @Test
    void aSourceOutsideTrustedAccessSourcesIsRejected() {
        String storage = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1";
        FieldError e = rejectedWith(ticket(aks(), binding("aml", storage, MLWORKLOAD)),
                "settings[0].sourceResourceId", "guardrail:trustedAccessSources");
        assertTrue(e.message().contains("do not allow trusted access for " + storage), e.message());
    }

    @Test
    void aRoleOutsideTrustedAccessRolesIsRejected() {
        FieldError e = rejectedWith(ticket(aks(), binding("aml", ML_SOURCE.id(),
                        "Microsoft.MachineLearningServices/workspaces/inference-v1")),
                "settings[0].roles[0]", "guardrail:trustedAccessRoles");
        assertTrue(e.message().contains("inference-v1"), e.message());
    }

    @Test
    void aRoleArnOutsideTicketRoleArnsIsRejected() {
        rejectedWith(ticket(eks(), podIdentity("apps", "\"roleArn\": \"arn:aws:iam::111122223333:role/admin\"")),
                "settings[0].roleArn", "guardrail:ticketRoleArns");
    }

    @Test
    void aRoleSpecWhoseArnIsOutsideTicketRoleArnsIsRejected() {
        FieldError e = rejectedWith(ticket(eks(), podIdentity("apps", "\"role\": {\"name\": \"{cluster}-api\"}")),
                "settings[0].role.name", "guardrail:ticketRoleArns");
        assertTrue(e.message().contains("arn:aws:iam::111122223333:role/prod-eks-api"), e.message());
    }

    @Test
    void aTargetRoleArnOutsideTicketRoleArnsIsRejected() {
        rejectedWith(ticket(eks(), podIdentity("apps", "\"roleArn\": \"" + APP_ROLE
                        + "\", \"targetRoleArn\": \"arn:aws:iam::444455556666:role/admin\"")),
                "settings[0].targetRoleArn", "guardrail:ticketRoleArns");
    }

    @Test
    void aForbiddenPolicyInARequestIsRejected() {
        rejectedWith(ticket(eks(), podIdentity("apps", "\"role\": {\"name\": \"api\", \"path\": \"/workload/\","
                        + " \"managedPolicyArns\": [\"arn:aws:iam::aws:policy/IAMFullAccess\"]}")),
                "settings[0].role.managedPolicyArns[0]", "guardrail:forbiddenPolicyArns");
    }

    @Test
    void aProtectedNamespaceIsRejected() {
        FieldError e = rejectedWith(ticket(eks(), podIdentity("kube-system", "\"roleArn\": \"" + APP_ROLE + "\"")),
                "settings[0].namespace", "guardrail:protectedNamespaces");
        assertTrue(e.message().contains("kube-system is protected"), e.message());
    }

    @Test
    void oneBadItemRejectsTheGoodOneToo() {
        String good = binding("aml-central", ML_SOURCE.id(), MLWORKLOAD);
        String bad = binding("other", ML_SOURCE.id(), "Microsoft.MachineLearningServices/workspaces/inference-v1");

        rejectedWith(ticket(aks(), good, bad), "settings[1].roles[0]", "guardrail:trustedAccessRoles");
        assertTrue(cloud.bindings(AKS).isEmpty());
    }

    @Test
    void aRequestWithinTheGuardrailsIsApplied() {
        Report report = Fixtures.trustBaseline(cloud).handle(ticket(eks(),
                podIdentity("apps", "\"role\": {\"name\": \"api\", \"path\": \"/workload/\", \"permissionsBoundaryArn\":"
                        + " \"arn:aws:iam::111122223333:policy/workload-boundary\"}")), Trigger.TICKET);

        assertEquals(Status.APPLIED, report.status(), report::toJson);
        assertEquals("arn:aws:iam::111122223333:role/workload/api", cloud.associations(EKS).get(0).roleArn());
    }

    @Test
    void explicitSettingsAreGuardedWhateverTheTrigger() {
        String json = ticket(eks(), podIdentity("kube-system", "\"roleArn\": \"" + APP_ROLE + "\""));

        Report report = Fixtures.trustBaseline(cloud).handle(json, Trigger.EVENT);

        assertEquals(Status.REJECTED, report.status(), report::toJson);
        assertTrue(report.errors().stream().anyMatch(e -> e.rule().equals("guardrail:protectedNamespaces")));
        assertEquals(0, cloud.totalCalls());
    }
}
