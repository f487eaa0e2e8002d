package io.trustbaseline.core.setting.aws;

import io.trustbaseline.core.Samples;
import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.request.RequestParser;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.Catalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published eks-access-entries samples: the baseline's admin item, a ticket within the guardrails, one beyond. */
class EksAccessEntriesSamplesTest {
    private final Catalog catalog = Catalog.standard();
    private final Baseline baseline = new BaselineLoader(catalog).parse(Samples.read("baseline.yaml"));

    @Test
    void theBaselineGivesThePlatformAdminRoleClusterAdminAndBindsTicketsToTeamRolesAndViewOrEdit() {
        assertEquals(List.of("arn:aws:iam::111122223333:role/teams/*"), baseline.guardrails().list(EksAccessEntries.TICKET_ACCESS_PRINCIPAL_ARNS));
        assertEquals(List.of("arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
                "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"), baseline.guardrails().list(EksAccessEntries.TICKET_ACCESS_POLICY_ARNS));
        assertTrue(Samples.read("baseline.yaml").contains("principalArn: arn:aws:iam::111122223333:role/platform/cluster-admin"));
    }

    @Test
    void theTicketSampleParsesAndPassesTheGuardrails() {
        Request request = new RequestParser(catalog).parse(Samples.read("tickets/eks-access-entry.json"), Trigger.TICKET);
        EksAccessEntries.Item item = (EksAccessEntries.Item) request.explicitSettings().orElseThrow().get(0);

        assertEquals("arn:aws:iam::111122223333:role/teams/payments-dev", item.name());
        io.trustbaseline.core.problem.Problems problems = new io.trustbaseline.core.problem.Problems();
        new EksAccessEntries().guard(item, baseline.guardrails(), io.trustbaseline.core.setting.GuardScope.REQUEST,
                request.target(), "settings[0]", problems);
        assertTrue(problems.isEmpty(), problems.all().toString());
    }

    @Test
    void aTicketForClusterAdminIsRejectedWholeBeforeAnyCloudCall() {
        TrustBaseline service = new TrustBaseline(catalog, baseline, Ports.none(), new Retrier(RetryPolicy.none()));

        Report report = service.handle(Samples.read("tickets/refused/cluster-admin-access.json"), Trigger.TICKET);

        assertEquals(Status.REJECTED, report.status());
        assertEquals(List.of("settings[0].accessPolicies[0].policyArn guardrail:ticketAccessPolicyArns",
                        "settings[0].accessPolicies[0].accessScope.type guardrail:protectedNamespaces"),
                report.errors().stream().map(e -> e.field() + " " + e.rule()).toList());
        assertEquals(0, report.calls().reads() + report.calls().writes());
    }
}
