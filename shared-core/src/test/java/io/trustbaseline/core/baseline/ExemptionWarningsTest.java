package io.trustbaseline.core.baseline;

import io.trustbaseline.core.Samples;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.setting.Catalog;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exemptions a baseline check warns about: about to lapse, lapsed, or exempting nothing a rule enforces. */
class ExemptionWarningsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private final BaselineLoader loader = new BaselineLoader(Catalog.standard(),
            new ExemptionPolicy(180, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC)));

    private List<String> warnings(String exemptions) {
        return ExemptionWarnings.of(loader.parse(Fixtures.BASELINE_YAML + "exemptions:\n" + exemptions), TODAY);
    }

    @Test
    void anExemptionWellAheadOfItsExpiryOnWhatARuleEnforcesGivesNoWarning() {
        assertEquals(List.of(), warnings("""
                  - { name: legacy, match: { cloud: azure, names: [acr*] }, settings: [acr-trusted-services],
                      reason: r, ticket: T-1, expires: 2027-03-31 }
                  - { name: ebs, match: { cloud: aws }, items: [ { type: eks-pod-identity, name: kube-system/ebs-csi-controller-sa } ],
                      reason: r, ticket: T-2, expires: 2027-03-31 }
                """));
    }

    @Test
    void anExemptionLapsingWithinFourteenDaysOrLapsedIsNamed() {
        assertEquals(List.of(
                "exemptions soon: lapses after 2026-12-14 (13 days left); T-1 should be renewed or the items made compliant",
                "exemptions gone: lapsed after 2026-11-30, its items are enforced again; remove it or renew it with a new ticket"),
                warnings("""
                  - { name: soon, match: { cloud: azure }, settings: [acr-trusted-services], reason: r, ticket: T-1, expires: 2026-12-14 }
                  - { name: fine, match: { cloud: azure }, settings: [acr-trusted-services], reason: r, ticket: T-3, expires: 2026-12-15 }
                  - { name: gone, match: { cloud: azure }, settings: [acr-trusted-services], reason: r, ticket: T-2, expires: 2026-11-30 }
                """));
    }

    @Test
    void anExemptionOfWhatNoRuleGivesItsTargetsExemptsNothing() {
        assertEquals(List.of(
                "exemptions storage: no rule gives storage-trusted-services to the targets it matches, so it exempts nothing",
                "exemptions wrong-cloud: no rule gives eks-pod-identity-agent to the targets it matches, so it exempts nothing",
                "exemptions other-sa: no rule gives eks-pod-identity kube-system/other-sa to the targets it matches, so it exempts nothing"),
                warnings("""
                  - { name: storage, match: { cloud: azure }, settings: [storage-trusted-services], reason: r, ticket: T-1, expires: 2027-03-01 }
                  - { name: wrong-cloud, match: { cloud: azure }, settings: [eks-pod-identity-agent], reason: r, ticket: T-1, expires: 2027-03-01 }
                  - { name: other-sa, match: { cloud: aws }, items: [ { type: eks-pod-identity, name: kube-system/other-sa } ],
                      reason: r, ticket: T-1, expires: 2027-03-01 }
                """));
    }

    @Test
    void theDocumentedSampleBaselineGivesNoWarning() {
        assertEquals(List.of(), ExemptionWarnings.of(loader.parse(Samples.read("baseline.yaml")), TODAY));
    }
}
