package io.trustbaseline.core.baseline;

import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.setting.aws.EksPodIdentity;
import io.trustbaseline.core.setting.azure.AcrTrustedServices;
import io.trustbaseline.core.setting.azure.AksTrustedAccess;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;
import io.trustbaseline.core.target.EksClusterArn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trustbaseline.core.fake.Fixtures.ACR;
import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.EKS;
import static io.trustbaseline.core.fake.Fixtures.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class BaselineLoaderTest {
    private final BaselineLoader loader = new BaselineLoader(Catalog.standard());

    private List<FieldError> refused(String yaml) {
        return assertThrows(InvalidInputException.class, () -> loader.parse(yaml)).errors();
    }

    private static FieldError find(List<FieldError> errors, String field, String rule) {
        return errors.stream().filter(e -> e.field().equals(field) && e.rule().equals(rule)).findFirst()
                .orElseGet(() -> fail("no " + rule + " error at " + field + " in " + errors));
    }

    private static List<String> types(List<SettingItem> items) {
        return items.stream().map(SettingItem::type).toList();
    }

    @Test
    void theDocumentedExampleLoads() {
        Baseline b = Fixtures.baseline();

        assertEquals(List.of("ml-clusters", "registries", "eks"), b.rules().stream().map(Rule::name).toList());
        AksTrustedAccess.Item binding = (AksTrustedAccess.Item) b.rules().get(0).settings().get(0);
        assertEquals("aml-central", binding.name());
        assertEquals(List.of(Fixtures.MLWORKLOAD), binding.roles());
        assertEquals(new AcrTrustedServices.Item(true), b.rules().get(1).settings().get(0));
        EksPodIdentity.Item ebs = (EksPodIdentity.Item) b.rules().get(2).settings().get(1);
        assertEquals("kube-system/ebs-csi-controller-sa", ebs.name());
        assertEquals("{cluster}-ebs-csi", ebs.role().name());
        assertEquals(List.of("kube-system"), b.guardrails().list(EksPodIdentity.PROTECTED_NAMESPACES));
        assertEquals(List.of("arn:aws:iam::*:role/workload/*"), b.guardrails().list(EksPodIdentity.TICKET_ROLE_ARNS));
    }

    @Test
    void theExampleGivesEachTargetItsSettings() {
        Baseline b = Fixtures.baseline();

        assertEquals(List.of("aks-trusted-access"), types(b.settingsFor(AKS, Map.of("env", "prod"))));
        assertEquals(List.of(), types(b.settingsFor(AKS, Map.of("env", "dev"))), "the tag must match");
        assertEquals(List.of("acr-trusted-services"), types(b.settingsFor(ACR, Map.of())));
        assertEquals(List.of("eks-pod-identity-agent", "eks-pod-identity"), types(b.settingsFor(EKS, Map.of())));
    }

    @Test
    void aYamlSyntaxErrorSaysLineAndColumn() {
        List<FieldError> errors = refused("version: 1\nrules:\n  - name: a\n    match: { cloud: azure\n    settings: []\n");

        assertEquals(1, errors.size());
        assertEquals("yaml", errors.get(0).rule());
        assertEquals("line 5, column 13", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("expected ',' or '}'"), errors.get(0).message());
    }

    @Test
    void awsMatchFieldsOnAnAzureRuleAreAContradiction() {
        FieldError e = find(refused("""
                version: 1
                rules:
                  - name: regs
                    match: { cloud: azure, accounts: ["111122223333"] }
                    settings: [ { type: acr-trusted-services } ]
                """), "rules[0].match", "contradiction");
        assertEquals("an azure rule cannot match accounts or regions", e.message());
    }

    @Test
    void aSettingOnAResourceTypeItDoesNotApplyToIsRefused() {
        FieldError e = find(refused("""
                version: 1
                rules:
                  - name: regs
                    match: { cloud: azure, resourceType: Microsoft.ContainerRegistry/registries }
                    settings: [ { type: storage-trusted-services } ]
                """), "rules[0].settings[0].type", "applies-to");
        assertTrue(e.message().contains("not to the rule's resourceType Microsoft.ContainerRegistry/registries"), e.message());
    }

    @Test
    void anAwsSettingOnAnAzureRuleIsRefused() {
        find(refused("""
                version: 1
                rules:
                  - name: regs
                    match: { cloud: azure }
                    settings: [ { type: eks-pod-identity-agent } ]
                """), "rules[0].settings[0].type", "applies-to");
    }

    @Test
    void duplicateRuleNamesAreRefused() {
        FieldError e = find(refused("""
                version: 1
                rules:
                  - { name: regs, settings: [ { type: acr-trusted-services } ] }
                  - { name: regs, settings: [ { type: storage-trusted-services } ] }
                """), "rules[1].name", "unique");
        assertEquals("another rule is named \"regs\"", e.message());
    }

    @Test
    void aDuplicateRuleNameIsReportedAtItsOwnIndexAfterABrokenRule() {
        List<FieldError> errors = refused("""
                version: 1
                rules:
                  - { name: "bad name!", settings: [ { type: acr-trusted-services } ] }
                  - { name: regs, settings: [ { type: acr-trusted-services } ] }
                  - { name: regs, settings: [ { type: storage-trusted-services } ] }
                """);
        find(errors, "rules[0].name", "pattern");
        find(errors, "rules[2].name", "unique");
    }

    @Test
    void aForbiddenPolicyInTheBaselineFailsAtLoad() {
        FieldError e = find(refused("""
                version: 1
                rules:
                  - name: eks
                    match: { cloud: aws }
                    settings:
                      - { type: eks-pod-identity, namespace: apps, serviceAccount: admin,
                          role: { name: "{cluster}-admin", managedPolicyArns: [arn:aws:iam::aws:policy/PowerUserAccess] } }
                guardrails:
                  forbiddenPolicyArns: [arn:aws:iam::aws:policy/PowerUserAccess]
                """), "rules[0].settings[0].role.managedPolicyArns[0]", "guardrail:forbiddenPolicyArns");
        assertTrue(e.message().contains("may never be attached"), e.message());
    }

    @Test
    void administratorAccessIsForbiddenEvenWhenTheBaselineDoesNotListIt() {
        find(refused("""
                version: 1
                rules:
                  - name: eks
                    settings:
                      - { type: eks-pod-identity, namespace: apps, serviceAccount: admin,
                          role: { name: admin, managedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess] } }
                """), "rules[0].settings[0].role.managedPolicyArns[0]", "guardrail:forbiddenPolicyArns");
    }

    @Test
    void unknownFieldsInTheBaselineAreRefused() {
        List<FieldError> errors = refused("""
                version: 1
                rules:
                  - { name: regs, colour: red, match: { owner: me }, settings: [ { type: acr-trusted-services } ] }
                guardrails: { allowEverything: true }
                """);
        find(errors, "rules[0].colour", "unknown-field");
        find(errors, "rules[0].match.owner", "unknown-field");
        find(errors, "guardrails.allowEverything", "unknown-field");
    }

    @Test
    void rulesMatchByTagsGlobsAndNames() {
        Baseline b = loader.parse("""
                version: 1
                rules:
                  - name: prod-registries-in-ml-groups
                    match: { resourceType: "Microsoft.ContainerRegistry/*", resourceGroups: ["rg-ml*"],
                             names: ["acrprod??"], tags: { env: "prod*" } }
                    settings: [ { type: acr-trusted-services, requirePremium: true } ]
                  - name: eu-clusters
                    match: { cloud: aws, regions: ["eu-*"], names: ["prod-*"] }
                    settings: [ { type: eks-pod-identity-agent } ]
                """);

        assertEquals(1, b.settingsFor(ACR, Map.of("env", "production")).size());
        assertEquals(0, b.settingsFor(ACR, Map.of()).size(), "a required tag is missing");
        AzureResourceId otherName = AzureResourceId.of(SUB, "rg-ml", AzureResourceTypes.REGISTRIES, "acrdev001");
        assertEquals(0, b.settingsFor(otherName, Map.of("env", "prod")).size());
        AzureResourceId otherGroup = AzureResourceId.of(SUB, "rg-web", AzureResourceTypes.REGISTRIES, "acrprod01");
        assertEquals(0, b.settingsFor(otherGroup, Map.of("env", "prod")).size());
        AzureResourceId upperCaseGroup = AzureResourceId.of(SUB, "RG-ML-EU", AzureResourceTypes.REGISTRIES, "acrprod01");
        assertEquals(1, b.settingsFor(upperCaseGroup, Map.of("env", "prod")).size(), "Azure names compare without case");

        assertEquals(1, b.settingsFor(EKS, Map.of()).size());
        assertEquals(0, b.settingsFor(EksClusterArn.of("us-east-1", "111122223333", "prod-eks"), Map.of()).size());
        assertEquals(0, b.settingsFor(EksClusterArn.of("eu-west-1", "111122223333", "dev-eks"), Map.of()).size());
    }

    @Test
    void theFirstRuleWinsForTheSameItem() {
        Baseline b = loader.parse("""
                version: 1
                rules:
                  - { name: strict, match: { names: ["acrprod*"] }, settings: [ { type: acr-trusted-services, requirePremium: true } ] }
                  - { name: everyone, settings: [ { type: acr-trusted-services, requirePremium: false } ] }
                """);

        assertEquals(List.of(new AcrTrustedServices.Item(true)), b.settingsFor(ACR, Map.of()));
        AzureResourceId other = AzureResourceId.of(SUB, "rg", AzureResourceTypes.REGISTRIES, "acrdev001");
        assertEquals(List.of(new AcrTrustedServices.Item(false)), b.settingsFor(other, Map.of()));
    }

    @Test
    void aBaselineWithoutGuardrailsDeniesEveryRequest() {
        Baseline b = loader.parse("version: 1\nrules: []\n");

        assertEquals(Guardrails.denyAll(), b.guardrails());
        assertTrue(!b.guardrails().allows(AksTrustedAccess.TRUSTED_ACCESS_SOURCES, Fixtures.ML_SOURCE.id()));
        assertTrue(!b.guardrails().allows(EksPodIdentity.TICKET_ROLE_ARNS, "arn:aws:iam::111122223333:role/workload/app"));
    }
}
