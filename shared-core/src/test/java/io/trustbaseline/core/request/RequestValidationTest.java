package io.trustbaseline.core.request;

import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.target.EksClusterArn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustbaseline.core.fake.Fixtures.ACR;
import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.EKS;
import static io.trustbaseline.core.fake.Fixtures.ML_SOURCE;
import static io.trustbaseline.core.fake.Fixtures.MLWORKLOAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each validation rule, with its field, rule and message. Every bad request goes through the facade, so each test
 * also shows that a refused request makes no cloud call at all.
 */
class RequestValidationTest {
    private final FakeCloud cloud = Fixtures.readyCloud();

    private static String ticket(String target, String settings) {
        return """
                {"schemaVersion": 1, "requestId": "CHG0031337", "requestedBy": "alice@example.com",
                 "target": %s%s}""".formatted(target, settings == null ? "" : ", \"settings\": " + settings);
    }

    private static String remove(String target, String settings) {
        return ticket(target, settings).replace("\"requestedBy\"", "\"action\": \"remove\", \"requestedBy\"");
    }

    private static String azure(String id) {
        return "{\"azureResourceId\": \"" + id + "\"}";
    }

    private static String binding(String name) {
        return "[{\"type\": \"aks-trusted-access\", \"name\": \"" + name + "\", \"sourceResourceId\": \"" + ML_SOURCE.id()
                + "\", \"roles\": [\"" + MLWORKLOAD + "\"]}]";
    }

    private static String podIdentity(String namespace, String extra) {
        return "[{\"type\": \"eks-pod-identity\", \"namespace\": \"" + namespace + "\", \"serviceAccount\": \"api\"" + extra + "}]";
    }

    private static final String EKS_TARGET = "{\"eksClusterArn\": \"" + EKS.id() + "\"}";

    /** Refused with these errors, before any cloud call. */
    private List<FieldError> rejected(String json) {
        Report report = Fixtures.trustBaseline(cloud).handle(json, Trigger.TICKET);
        assertEquals(Status.REJECTED, report.status(), () -> report.toJson());
        assertEquals(Calls.NONE, report.calls());
        assertEquals(0, cloud.totalCalls(), "a refused request calls no cloud API");
        assertTrue(cloud.writes().isEmpty());
        assertTrue(report.targets().isEmpty());
        return report.errors();
    }

    private static FieldError find(List<FieldError> errors, String field, String rule) {
        return errors.stream().filter(e -> e.field().equals(field) && e.rule().equals(rule)).findFirst()
                .orElseGet(() -> fail("no " + rule + " error at " + field + " in " + errors));
    }

    private Request parse(String json) {
        return new RequestParser(Catalog.standard()).parse(json, Trigger.TICKET);
    }

    @Test
    void aValidTicketParses() {
        Request r = parse(ticket(azure(AKS.id()), binding("aml-central")));

        assertEquals("CHG0031337", r.requestId());
        assertEquals(Action.ENSURE, r.action());
        assertEquals(AKS, r.target());
        assertEquals(1, r.explicitSettings().orElseThrow().size());
    }

    @Test
    void anUnknownTopLevelFieldIsRefused() {
        FieldError e = find(rejected(ticket(azure(AKS.id()), null).replace("{\"schemaVersion\"", "{\"colour\": \"red\", \"schemaVersion\"")),
                "colour", "unknown-field");
        assertEquals("is not a known field", e.message());
    }

    @Test
    void anUnknownFieldInAnItemIsRefused() {
        String settings = "[{\"type\": \"acr-trusted-services\", \"requirePremium\": true, \"sku\": \"Premium\"}]";
        find(rejected(ticket(azure(ACR.id()), settings)), "settings[0].sku", "unknown-field");
    }

    @Test
    void anUnknownFieldInTheTargetIsRefused() {
        find(rejected(ticket("{\"azureResourceId\": \"" + AKS.id() + "\", \"region\": \"x\"}", null)),
                "target.region", "unknown-field");
    }

    @Test
    void wrongTypesAreNamed() {
        String json = ticket(azure(AKS.id()), "[{\"type\": \"aks-trusted-access\", \"name\": \"aml\", \"sourceResourceId\": \""
                + ML_SOURCE.id() + "\", \"roles\": \"" + MLWORKLOAD + "\"}]")
                .replace("\"schemaVersion\": 1", "\"schemaVersion\": \"1\", \"dryRun\": \"yes\"");
        List<FieldError> errors = rejected(json);

        assertEquals("must be a whole number", find(errors, "schemaVersion", "type").message());
        assertEquals("must be true or false", find(errors, "dryRun", "type").message());
        assertEquals("must be an array of strings", find(errors, "settings[0].roles", "type").message());
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRefused() {
        assertEquals("must be an object", find(rejected("[1, 2]"), "$", "type").message());
    }

    @Test
    void missingFieldsAreNamed() {
        String json = "{\"schemaVersion\": 1, \"settings\": [{\"type\": \"aks-trusted-access\", \"name\": \"aml\"}]}";
        List<FieldError> errors = rejected(json);

        assertEquals("is required", find(errors, "requestId", "required").message());
        find(errors, "requestedBy", "required");
        find(errors, "target", "required");
        find(errors, "settings[0].sourceResourceId", "required");
        find(errors, "settings[0].roles", "required");
    }

    @Test
    void aDocumentOver64KiBIsRefusedWithItsSize() {
        String json = ticket(azure(AKS.id()), null).replace("\"requestedBy\": \"alice@example.com\"",
                "\"requestedBy\": \"alice@example.com\", \"padding\": \"" + "x".repeat(RequestParser.MAX_BYTES) + "\"");
        FieldError e = find(rejected(json), "$", "max-size");
        assertTrue(e.message().contains("at most 65536 are accepted"), e.message());
    }

    @Test
    void invalidJsonIsRefused() {
        find(rejected("{\"schemaVersion\": 1,"), "$", "json");
    }

    @Test
    void malformedResourceIdsAreRefusedWithTheRule() {
        FieldError shape = find(rejected(ticket(azure("/subscriptions/x/aks"), null)), "target.azureResourceId", "resource-id");
        assertTrue(shape.message().startsWith("must look like /subscriptions/<id>/resourceGroups/"), shape.message());

        FieldError guid = find(rejected(ticket(azure(AKS.id().replace("00000000-0000-0000-0000-000000000001", "my-sub")), null)),
                "target.azureResourceId", "resource-id");
        assertEquals("the subscription id must be a GUID", guid.message());

        String badSource = binding("aml").replace(ML_SOURCE.id(), "/subscriptions/" + Fixtures.SUB + "/ml-central");
        find(rejected(ticket(azure(AKS.id()), badSource)), "settings[0].sourceResourceId", "resource-id");
    }

    @Test
    void aResourceTypeTrustBaselineDoesNotManageIsRefused() {
        String vm = "/subscriptions/" + Fixtures.SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
        FieldError e = find(rejected(ticket(azure(vm), null)), "target.azureResourceId", "resource-type");
        assertTrue(e.message().contains("Microsoft.Compute/virtualMachines is not a resource type trust-baseline manages"));
    }

    @Test
    void aNameThatBreaksTheResourceTypesRuleIsRefused() {
        String badRegistry = ACR.id().replace("acrprod01", "acr-prod");
        FieldError e = find(rejected(ticket(azure(badRegistry), null)), "target.azureResourceId", "name");
        assertTrue(e.message().contains("5-50 letters or digits"), e.message());
    }

    @Test
    void malformedArnsAreRefused() {
        FieldError e = find(rejected(ticket("{\"eksClusterArn\": \"arn:aws:eks:eu-west-1:1234:cluster/prod\"}", null)),
                "target.eksClusterArn", "arn");
        assertEquals("the account id must be 12 digits", e.message());

        find(rejected(ticket("{\"eksClusterArn\": \"arn:aws:ecs:eu-west-1:111122223333:cluster/prod\"}", null)),
                "target.eksClusterArn", "arn");

        FieldError role = find(rejected(ticket(EKS_TARGET, podIdentity("apps", ", \"roleArn\": \"arn:aws:iam::1111:role/x\""))),
                "settings[0].roleArn", "pattern");
        assertTrue(role.message().startsWith("must be an IAM role ARN"), role.message());
    }

    @Test
    void anEksClusterCanBeNamedByAccountRegionAndName() {
        Request r = parse(ticket("{\"eksCluster\": {\"accountId\": \"111122223333\", \"region\": \"eu-west-1\", \"name\": \"prod-eks\"}}", null));
        assertEquals(EKS, r.target());
        assertEquals(EksClusterArn.of("cn-north-1", "111122223333", "c"),
                parse(ticket("{\"eksCluster\": {\"accountId\": \"111122223333\", \"region\": \"cn-north-1\", \"name\": \"c\"}}", null)).target());
    }

    @Test
    void anEksClusterByPartsChecksEachPart() {
        List<FieldError> errors = rejected(ticket(
                "{\"eksCluster\": {\"accountId\": \"12\", \"region\": \"Europe\", \"name\": \"-bad\"}}", null));
        assertEquals("must be 12 digits (was \"12\")", find(errors, "target.eksCluster.accountId", "pattern").message());
        find(errors, "target.eksCluster.region", "pattern");
        find(errors, "target.eksCluster.name", "pattern");
    }

    @Test
    void aTargetMustBeExactlyOneKind() {
        String both = "{\"azureResourceId\": \"" + AKS.id() + "\", \"eksClusterArn\": \"" + EKS.id() + "\"}";
        find(rejected(ticket(both, null)), "target", "one-of");
    }

    @Test
    void aBindingNameLongerThan24IsRefused() {
        FieldError e = find(rejected(ticket(azure(AKS.id()), binding("a".repeat(25)))), "settings[0].name", "pattern");
        assertTrue(e.message().startsWith("must be 1-24 letters, digits or '-'"), e.message());
    }

    @Test
    void aBindingNameWithAnUnderscoreIsRefused() {
        find(rejected(ticket(azure(AKS.id()), binding("aml_central"))), "settings[0].name", "pattern");
    }

    @Test
    void aNamespaceThatIsNotDns1123IsRefused() {
        String settings = podIdentity("Team_A", ", \"roleArn\": \"arn:aws:iam::111122223333:role/workload/app\"");
        FieldError e = find(rejected(ticket(EKS_TARGET, settings)), "settings[0].namespace", "pattern");
        assertTrue(e.message().contains("DNS-1123"), e.message());
    }

    @Test
    void aRoleNameTemplateWithAnUnknownPlaceholderIsRefused() {
        String settings = podIdentity("apps", ", \"role\": {\"name\": \"{cluster}-{team}\"}");
        FieldError e = find(rejected(ticket(EKS_TARGET, settings)), "settings[0].role.name", "placeholder");
        assertEquals("{team} is not a placeholder; use {cluster}, {namespace} or {serviceAccount}", e.message());
    }

    @Test
    void aPodIdentityItemNeedsExactlyOneOfRoleArnAndRole() {
        find(rejected(ticket(EKS_TARGET, podIdentity("apps", ""))), "settings[0]", "one-of");
    }

    @Test
    void removeWithoutConfirmIsRefused() {
        String settings = "[{\"type\": \"aks-trusted-access\", \"name\": \"aml-central\"}]";
        FieldError e = find(rejected(remove(azure(AKS.id()), settings)), "settings[0].confirm", "confirm");
        assertTrue(e.message().contains("repeat the item's name \"aml-central\" in confirm"), e.message());
    }

    @Test
    void removeWithAWrongConfirmIsRefused() {
        String settings = "[{\"type\": \"eks-pod-identity\", \"namespace\": \"apps\", \"serviceAccount\": \"api\", \"confirm\": \"api\"}]";
        FieldError e = find(rejected(remove(EKS_TARGET, settings)), "settings[0].confirm", "confirm");
        assertEquals("must equal the item's name \"apps/api\" (was \"api\")", e.message());
    }

    @Test
    void removeWithTheRightConfirmParses() {
        String settings = "[{\"type\": \"aks-trusted-access\", \"name\": \"aml-central\", \"confirm\": \"aml-central\"}]";
        assertEquals(Action.REMOVE, parse(remove(azure(AKS.id()), settings)).action());
    }

    @Test
    void removeOfASettingThatCannotBeRemovedIsRefused() {
        String settings = "[{\"type\": \"acr-trusted-services\", \"confirm\": \"acr-trusted-services\"}]";
        FieldError e = find(rejected(remove(azure(ACR.id()), settings)), "settings[0].type", "remove-unsupported");
        assertEquals("acr-trusted-services cannot be removed by a request", e.message());
    }

    @Test
    void removeMustNameItsItems() {
        find(rejected(remove(azure(AKS.id()), null)), "settings", "required");
    }

    @Test
    void aSettingThatDoesNotApplyToTheTargetTypeIsRefused() {
        String settings = "[{\"type\": \"acr-trusted-services\"}]";
        FieldError e = find(rejected(ticket(azure(AKS.id()), settings)), "settings[0].type", "applies-to");
        assertEquals("acr-trusted-services applies to Microsoft.ContainerRegistry/registries, not to "
                + "Microsoft.ContainerService/managedClusters", e.message());
    }

    @Test
    void anUnknownSettingTypeIsRefused() {
        FieldError e = find(rejected(ticket(azure(AKS.id()), "[{\"type\": \"aks-magic\"}]")), "settings[0].type", "enum");
        assertTrue(e.message().startsWith("must be one of aks-trusted-access, "), e.message());
    }

    @Test
    void anEmptySettingsListIsRefused() {
        find(rejected(ticket(azure(AKS.id()), "[]")), "settings", "items");
    }

    @Test
    void everyErrorComesBackAtOnce() {
        String json = """
                {"schemaVersion": 2, "requestId": "bad id!", "action": "delete", "dryRun": 1,
                 "target": {"azureResourceId": "%s"},
                 "settings": [{"type": "aks-trusted-access", "name": "aml_central", "sourceResourceId": "nope", "roles": [7]},
                              {"type": "storage-trusted-services", "extra": true}],
                 "colour": "red"}""".formatted(AKS.id());

        List<FieldError> errors = rejected(json);

        assertTrue(errors.size() >= 4, errors::toString);
        find(errors, "schemaVersion", "enum");
        find(errors, "requestId", "pattern");
        find(errors, "requestedBy", "required");
        find(errors, "action", "enum");
        find(errors, "dryRun", "type");
        find(errors, "settings[0].name", "pattern");
        find(errors, "settings[0].sourceResourceId", "resource-id");
        find(errors, "settings[0].roles[0]", "type");
        find(errors, "settings[1].extra", "unknown-field");
        find(errors, "colour", "unknown-field");
    }
}
