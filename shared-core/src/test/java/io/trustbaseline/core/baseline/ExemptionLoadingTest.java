package io.trustbaseline.core.baseline;

import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.azure.AcrTrustedServices;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The baseline's {@code exemptions}: what each must carry, and the longest expiry the deployment allows. */
class ExemptionLoadingTest {
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    private final BaselineLoader loader = new BaselineLoader(Catalog.standard(), new ExemptionPolicy(180, TODAY));

    private static String withExemption(String body) {
        return Fixtures.BASELINE_YAML + "exemptions:\n  - " + body.strip().replace("\n", "\n    ") + "\n";
    }

    private List<FieldError> refused(String yaml) {
        return assertThrows(InvalidInputException.class, () -> loader.parse(yaml)).errors();
    }

    private static FieldError find(List<FieldError> errors, String field, String rule) {
        return errors.stream().filter(e -> e.field().equals(field) && e.rule().equals(rule)).findFirst()
                .orElseGet(() -> fail("no " + rule + " error at " + field + " in " + errors));
    }

    @Test
    void anExemptionLoadsWithWhatItExemptsWhyAndUntilWhen() {
        Baseline b = loader.parse(withExemption("""
                name: legacy
                match: { cloud: azure, names: [acr*] }
                settings: [acr-trusted-services]
                items: [ { type: eks-pod-identity, name: kube-system/ebs-csi-controller-sa } ]
                reason: vendor appliance
                ticket: CHG0040001
                expires: 2027-05-30
                """));

        Exemption e = b.exemptions().get(0);
        assertEquals(Set.of("acr-trusted-services"), e.settings());
        assertEquals(Set.of(new Exemption.ItemRef("eks-pod-identity", "kube-system/ebs-csi-controller-sa")), e.items());
        assertEquals(LocalDate.of(2027, 5, 30), e.expires(), "exactly 180 days ahead is allowed");
        assertTrue(e.covers(Fixtures.ACR, Map.of(), new AcrTrustedServices.Item(true)));
        assertTrue(!e.covers(Fixtures.STORAGE, Map.of(), new AcrTrustedServices.Item(true)), "name glob acr*");
    }

    @Test
    void anExpiryBeyondTheMaximumIsRefusedNamingTheLatestAllowedDate() {
        FieldError error = find(refused(withExemption("""
                name: legacy
                match: { cloud: azure }
                settings: [acr-trusted-services]
                reason: vendor appliance
                ticket: CHG0040001
                expires: 2027-05-31
                """)), "exemptions[0].expires", "max-days");

        assertTrue(error.message().contains("at most 180 days ahead, by 2027-05-30"), error.message());
    }

    @Test
    void theMaximumIsTheDeployments() {
        String yaml = withExemption("""
                name: legacy
                match: { cloud: azure }
                settings: [acr-trusted-services]
                reason: vendor appliance
                ticket: CHG0040001
                expires: 2027-01-01
                """);
        assertEquals(1, loader.parse(yaml).exemptions().size());

        List<FieldError> errors = assertThrows(InvalidInputException.class,
                () -> new BaselineLoader(Catalog.standard(), new ExemptionPolicy(30, TODAY)).parse(yaml)).errors();
        find(errors, "exemptions[0].expires", "max-days");
        assertEquals(30, ExemptionPolicy.from(Map.of(ExemptionPolicy.MAX_DAYS_VARIABLE, " 30 ")).maxDays());
        assertEquals(180, ExemptionPolicy.from(Map.of()).maxDays());
        IllegalStateException bad = assertThrows(IllegalStateException.class,
                () -> ExemptionPolicy.from(Map.of(ExemptionPolicy.MAX_DAYS_VARIABLE, "forever")));
        assertTrue(bad.getMessage().startsWith(ExemptionPolicy.MAX_DAYS_VARIABLE), bad.getMessage());
    }

    @Test
    void anExemptionAlreadyPastItsExpiryLoadsSoTheReportCanSayItLapsed() {
        Baseline b = loader.parse(withExemption("""
                name: old
                match: { cloud: azure }
                settings: [acr-trusted-services]
                reason: vendor appliance
                ticket: CHG0040001
                expires: 2026-06-30
                """));

        assertTrue(!b.exemptions().get(0).inForceOn(LocalDate.of(2026, 12, 1)));
    }

    @Test
    void everyMissingOrWrongFieldIsNamed() {
        List<FieldError> errors = refused(withExemption("""
                name: bad name
                settings: [acr-trusted-service]
                items: [ { type: eks-pod-identity } ]
                expires: 2027-02-30
                owner: me
                """));

        find(errors, "exemptions[0].name", "pattern");
        find(errors, "exemptions[0].match", "required");
        find(errors, "exemptions[0].settings", "enum");
        find(errors, "exemptions[0].items[0].name", "required");
        find(errors, "exemptions[0].reason", "required");
        find(errors, "exemptions[0].ticket", "required");
        find(errors, "exemptions[0].expires", "date");
        find(errors, "exemptions[0].owner", "unknown-field");
    }

    @Test
    void anExemptionMustNameWhatItExempts() {
        find(refused(withExemption("""
                name: everything
                match: { cloud: azure }
                reason: vendor appliance
                ticket: CHG0040001
                expires: 2027-01-01
                """)), "exemptions[0]", "required");
    }

    @Test
    void twoExemptionsCannotShareAName() {
        String one = """
                name: legacy
                match: { cloud: azure }
                settings: [acr-trusted-services]
                reason: r
                ticket: T-1
                expires: 2027-01-01
                """;
        String yaml = withExemption(one) + "  - " + one.strip().replace("\n", "\n    ") + "\n";

        find(refused(yaml), "exemptions[1].name", "unique");
    }
}
