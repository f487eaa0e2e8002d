package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.baseline.ExemptionPolicy;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.report.ExemptionNote;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.PlanAction;
import io.trustbaseline.core.target.Target;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

import static io.trustbaseline.core.fake.Fixtures.ACR;
import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.EKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exemptions on the example baseline: an exempt item is observed and reported {@code exempt} whatever its plan
 * (compliant, change, blocked, dry run), never written; the day after its expiry it is enforced again and the report
 * says the exemption lapsed.
 */
class ExemptionTest {
    private static final Clock TODAY = clock("2026-12-01T09:00:00Z");
    private static final Clock EXPIRY_DAY = clock("2027-03-31T23:59:59Z");
    private static final Clock DAY_AFTER = clock("2027-04-01T00:00:00Z");

    /** The registry acrprod01 and the EBS CSI pod identity of prod-eks are exempt until 2027-03-31. */
    private static final String EXEMPTIONS = """
            exemptions:
              - name: legacy-registry
                match: { cloud: azure, resourceType: Microsoft.ContainerRegistry/registries, names: [acrprod01] }
                settings: [acr-trusted-services]
                reason: "vendor appliance pulls over the public endpoint until its replacement"
                ticket: CHG0040001
                expires: 2027-03-31
              - name: ebs-csi-own-role
                match: { cloud: aws, names: [prod-eks] }
                items: [ { type: eks-pod-identity, name: kube-system/ebs-csi-controller-sa } ]
                reason: "the storage team manages this role"
                ticket: CHG0040002
                expires: 2027-03-31
            """;

    private final FakeCloud cloud = Fixtures.readyCloud();

    private static Clock clock(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private TrustBaseline trustOn(Clock clock) {
        Catalog catalog = Catalog.standard();
        var baseline = new BaselineLoader(catalog, new ExemptionPolicy(180, TODAY))
                .parse(Fixtures.BASELINE_YAML + EXEMPTIONS);
        return new TrustBaseline(catalog, baseline, cloud.ports(),
                new Retrier(RetryPolicy.standard(), new Fixtures.RecordingSleeper(), new SplittableRandom(1)), clock);
    }

    private Report event(Clock clock, Target target, boolean dryRun) {
        return trustOn(clock).handle(Request.baseline("evt-1", "event-grid", Trigger.EVENT, target, dryRun));
    }

    private static ItemReport item(Report report, String setting) {
        return report.targets().get(0).items().stream().filter(i -> i.setting().equals(setting)).findFirst().orElseThrow();
    }

    @Test
    void anExemptItemThatWouldChangeIsObservedReportedAndNotWritten() {
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "None"));

        Report report = event(TODAY, ACR, false);

        ItemReport acr = item(report, "acr-trusted-services");
        assertEquals(ItemStatus.EXEMPT, acr.status(), report::toJson);
        assertEquals(PlanAction.UPDATE, acr.action(), "the plan is still made and shown");
        assertTrue(acr.message().contains("exempt until 2027-03-31 by CHG0040001 (vendor appliance"), acr.message());
        assertTrue(acr.message().contains("not enforced"), acr.message());
        assertEquals(new ExemptionNote("legacy-registry", "vendor appliance pulls over the public endpoint until its"
                + " replacement", "CHG0040001", "2027-03-31", false), acr.exemption());
        assertEquals(Status.COMPLIANT, report.status(), "an accepted exception leaves nothing to do");
        assertEquals(0, report.calls().writes());
        assertTrue(report.calls().reads() > 0, "the item was observed");
        assertTrue(cloud.writes().isEmpty());
        assertEquals("None", cloud.registry(ACR).networkRuleBypassOptions());
        assertTrue(report.toJson().contains("\"status\":\"exempt\""));
    }

    @Test
    void anExemptItemThatIsAlreadyCompliantIsReportedExemptAndObservedCompliant() {
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "AzureServices"));

        ItemReport acr = item(event(TODAY, ACR, false), "acr-trusted-services");

        assertEquals(ItemStatus.EXEMPT, acr.status());
        assertEquals(PlanAction.NOOP, acr.action());
        assertTrue(acr.message().endsWith("observed compliant"), acr.message());
    }

    @Test
    void anExemptItemThatWouldBeBlockedDoesNotFailItsTarget() {
        cloud.registry(ACR, new RegistryNetwork("Basic", "Enabled", "None"));

        Report report = event(TODAY, ACR, false);

        ItemReport acr = item(report, "acr-trusted-services");
        assertEquals(ItemStatus.EXEMPT, acr.status());
        assertEquals(PlanAction.BLOCKED, acr.action());
        assertEquals(Status.COMPLIANT, report.status());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aDryRunReportsAnExemptItemAsExemptNotPlanned() {
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "None"));

        ItemReport acr = item(event(TODAY, ACR, true), "acr-trusted-services");

        assertEquals(ItemStatus.EXEMPT, acr.status());
    }

    @Test
    void anExemptItemThatCannotBeObservedFails() {
        cloud.failNext("registry.get", 1, CloudException.accessDenied("AuthorizationFailed", "denied",
                "Microsoft.ContainerRegistry/registries/read", null));

        ItemReport acr = item(event(TODAY, ACR, false), "acr-trusted-services");

        assertEquals(ItemStatus.FAILED, acr.status(), "an exemption does not hide that the item cannot be read");
    }

    @Test
    void anItemExemptionCoversThatItemOnlyAndTheRestIsEnforced() {
        Report report = event(TODAY, EKS, false);

        assertEquals(ItemStatus.APPLIED, item(report, "eks-pod-identity-agent").status(), report::toJson);
        assertEquals(ItemStatus.EXEMPT, item(report, "eks-pod-identity").status());
        assertEquals(PlanAction.CREATE, item(report, "eks-pod-identity").action());
        assertTrue(cloud.associations(EKS).isEmpty());
        assertTrue(cloud.role(Fixtures.ACCOUNT, "prod-eks-ebs-csi").isEmpty(), "nothing of the exempt item written");
        assertEquals(Status.APPLIED, report.status());
    }

    @Test
    void anExemptionForOtherTargetsOrSettingsChangesNothing() {
        Report report = event(TODAY, AKS, false);

        ItemReport binding = item(report, "aks-trusted-access");
        assertEquals(ItemStatus.APPLIED, binding.status());
        assertNull(binding.exemption());
    }

    @Test
    void anExemptionIsInForceThroughItsExpiryDay() {
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "None"));

        assertEquals(ItemStatus.EXEMPT, item(event(EXPIRY_DAY, ACR, false), "acr-trusted-services").status());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void theDayAfterItsExpiryTheItemIsEnforcedAgainAndTheReportSaysTheExemptionLapsed() {
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "None"));

        Report report = event(DAY_AFTER, ACR, false);

        ItemReport acr = item(report, "acr-trusted-services");
        assertEquals(ItemStatus.APPLIED, acr.status(), report::toJson);
        assertTrue(acr.exemption().lapsed());
        assertTrue(acr.message().startsWith("exemption legacy-registry (CHG0040001) lapsed after 2027-03-31: enforced"
                + " again; "), acr.message());
        assertEquals("AzureServices", cloud.registry(ACR).networkRuleBypassOptions());
        assertEquals(Status.APPLIED, report.status());
    }

    @Test
    void aLapsedExemptionOnABlockedItemFailsItAgain() {
        cloud.registry(ACR, new RegistryNetwork("Basic", "Enabled", "None"));

        Report report = event(DAY_AFTER, ACR, false);

        assertEquals(ItemStatus.BLOCKED, item(report, "acr-trusted-services").status());
        assertTrue(item(report, "acr-trusted-services").exemption().lapsed());
        assertEquals(Status.FAILED, report.status());
    }

    @Test
    void aLapsedExemptionInADryRunIsPlanned() {
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "None"));

        ItemReport acr = item(event(DAY_AFTER, ACR, true), "acr-trusted-services");

        assertEquals(ItemStatus.PLANNED, acr.status());
        assertTrue(acr.exemption().lapsed());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aTicketNamingAnExemptItemCannotWriteIt() {
        cloud.registry(ACR, new RegistryNetwork("Premium", "Disabled", "None"));
        String ticket = """
                {"schemaVersion": 1, "requestId": "CHG-9", "requestedBy": "bob",
                 "target": {"azureResourceId": "%s"}, "settings": [{"type": "acr-trusted-services"}]}""".formatted(ACR.id());

        Report report = trustOn(TODAY).handle(ticket, Trigger.TICKET);

        assertEquals(ItemStatus.EXEMPT, item(report, "acr-trusted-services").status(), report::toJson);
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aTicketCannotCarryAnExemption() {
        String ticket = """
                {"schemaVersion": 1, "requestId": "CHG-10", "requestedBy": "bob",
                 "target": {"azureResourceId": "%s"},
                 "exemptions": [{"name": "mine", "settings": ["acr-trusted-services"], "reason": "because",
                                 "ticket": "CHG-10", "expires": "2027-01-01"}]}""".formatted(ACR.id());

        Report report = trustOn(TODAY).handle(ticket, Trigger.TICKET);

        assertEquals(Status.REJECTED, report.status());
        assertEquals(List.of("exemptions"), report.errors().stream().map(e -> e.field()).toList(), report::toJson);
        assertEquals(0, cloud.totalCalls());
    }
}
