package io.trustbaseline.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the documents published in {@code events-samples/}: the JSON Schemas are valid draft 2020-12, the
 * example tickets, the baseline and a sample report conform to them, the refused tickets fail where they
 * should, and the seed world holds what the baseline and the tickets refer to.
 */
class PublishedDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    private static final Pattern AZURE_ID = Pattern.compile(
            "^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/([^/]+)/([^/]+)/([^/]+)$");
    private static final Pattern EKS_ARN = Pattern.compile("^arn:[^:]+:eks:([^:]+):([0-9]{12}):cluster/(.+)$");
    private static final Pattern ROLE_ARN = Pattern.compile("^arn:[^:]+:iam::([0-9]{12}):role/(.*/)?([^/]+)$");

    private static Path samples;
    private static JsonSchema requestSchema;
    private static JsonSchema baselineSchema;
    private static JsonSchema reportSchema;
    private static JsonNode baseline;
    private static JsonNode world;

    @BeforeAll
    static void load() {
        samples = io.trustbaseline.core.Samples.dir();
        requestSchema = schema("request");
        baselineSchema = schema("baseline");
        reportSchema = schema("report");
        baseline = readYaml(samples.resolve("baseline.yaml"));
        world = readJson(samples.resolve("world.json"));
    }

    // ---------------------------------------------------------------- schemas

    @ParameterizedTest
    @ValueSource(strings = {"request", "baseline", "report", "sweep-summary"})
    void schemaIsValidDraft202012(String name) {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);
        JsonNode doc = readJson(schemaFile(name));
        assertNoErrors(name + ".schema.json", meta.validate(doc));
        assertEquals("https://json-schema.org/draft/2020-12/schema", doc.path("$schema").asText());
        assertTrue(doc.path("description").asText().length() > 0, name + " schema has a description");
    }

    @Test
    void requestSchemaStatesTheSizeLimit() {
        assertTrue(readJson(schemaFile("request")).path("description").asText().contains("64 KiB"));
    }

    // ---------------------------------------------------------------- tickets

    @TestFactory
    Stream<DynamicTest> everyTicketConformsToTheRequestSchema() throws IOException {
        List<Path> tickets;
        try (Stream<Path> files = Files.list(samples.resolve("tickets"))) {
            tickets = files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        assertTrue(tickets.size() >= 4, "tickets found: " + tickets);
        return tickets.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> assertNoErrors(p.toString(), requestSchema.validate(readJson(p)))));
    }

    @Test
    void aSessionPolicyWithSessionTagsOnBreaksTheSchema() {
        Path p = samples.resolve("tickets/refused/session-policy-with-session-tags.json");
        assertFalse(requestSchema.validate(readJson(p)).isEmpty(), "policy needs disableSessionTags: true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"forbidden-policy.json", "protected-namespace.json", "lookalike-policy.json"})
    void guardrailBreachesAreSyntacticallyValid(String file) {
        // Guardrails are policy, not syntax: these parse, and the guardrail check rejects them.
        Path p = samples.resolve("tickets/refused/" + file);
        assertNoErrors(p.toString(), requestSchema.validate(readJson(p)));
    }

    @Test
    void badFieldsReportsEveryErrorAtOnce() {
        Set<ValidationMessage> errors = requestSchema.validate(readJson(samples.resolve("tickets/refused/bad-fields.json")));
        Set<String> found = errors.stream().map(PublishedDocumentsTest::key).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(found.contains("/dryRun type"), () -> "wrong type; got " + found);
        assertTrue(found.contains(" additionalProperties priority"), () -> "unknown field; got " + found);
        assertTrue(found.contains("/settings/0/name maxLength"), () -> "binding name too long; got " + found);
    }

    @Test
    void removeWithoutConfirmFails() {
        Set<ValidationMessage> errors = requestSchema.validate(readJson(samples.resolve("tickets/refused/remove-without-confirm.json")));
        Set<String> found = errors.stream().map(PublishedDocumentsTest::key).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(found.contains("/settings/0 required confirm"), () -> "got " + found);
    }

    /**
     * Edges of the request contract, each applied as one change to the valid aks-binding ticket:
     * "expected error (location keyword [property]) <= /field=new JSON value".
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "/schemaVersion const <= /schemaVersion=2",
        "/requestId pattern <= /requestId=\"has space\"",
        "/requestedBy minLength <= /requestedBy=\"\"",
        "/action enum <= /action=\"delete\"",
        "/target minProperties <= /target={}",
        "/target maxProperties <= /target={\"eksClusterArn\":\"arn:aws:eks:eu-west-1:111122223333:cluster/eks-prod\",\"azureResourceId\":\"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrplatformweu\"}",
        "/target/eksClusterArn pattern <= /target={\"eksClusterArn\":\"arn:aws:eks:eu-west-1:1111222233:cluster/eks-prod\"}",
        "/target/eksClusterArn pattern <= /target={\"eksClusterArn\":\"arn:aws-xx:eks:eu-west-1:111122223333:cluster/eks-prod\"}",
        "/target/eksCluster/name pattern <= /target={\"eksCluster\":{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\",\"name\":\"-bad\"}}",
        "/target/azureResourceId pattern <= /target={\"azureResourceId\":\"/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks\"}",
        "/target/azureResourceId pattern <= /target={\"azureResourceId\":\"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr-with-dashes\"}",
        "/target/azureResourceId pattern <= /target={\"azureResourceId\":\"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/UpperCase\"}",
        "/settings minItems <= /settings=[]",
        "/settings/0/roles minItems <= /settings=[{\"type\":\"aks-trusted-access\",\"name\":\"x\",\"sourceResourceId\":\"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w1\",\"roles\":[]}]",
        "/settings/0/name pattern <= /settings=[{\"type\":\"aks-trusted-access\",\"name\":\"bad_name\",\"sourceResourceId\":\"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w1\",\"roles\":[\"Microsoft.MachineLearningServices/workspaces/mlworkload\"]}]",
        "/settings/0/roles/0 pattern <= /settings=[{\"type\":\"aks-trusted-access\",\"name\":\"x\",\"sourceResourceId\":\"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w1\",\"roles\":[\"mlworkload\"]}]",
        "/settings/0/type enum <= /settings=[{\"type\":\"unknown-setting\"}]",
        "/settings/0/requirePremium type <= /settings=[{\"type\":\"acr-trusted-services\",\"requirePremium\":\"true\"}]",
        "/settings/0 additionalProperties bypass <= /settings=[{\"type\":\"storage-trusted-services\",\"bypass\":\"AzureServices\"}]",
        "/settings/0 oneOf <= /settings=[{\"type\":\"eks-pod-identity\",\"namespace\":\"payments\",\"serviceAccount\":\"api\"}]",
        "/settings/0 oneOf <= /settings=[{\"type\":\"eks-pod-identity\",\"namespace\":\"payments\",\"serviceAccount\":\"api\",\"roleArn\":\"arn:aws:iam::111122223333:role/r\",\"role\":{\"name\":\"r\"}}]",
        "/settings/0/namespace pattern <= /settings=[{\"type\":\"eks-pod-identity\",\"namespace\":\"Payments\",\"serviceAccount\":\"api\",\"roleArn\":\"arn:aws:iam::111122223333:role/r\"}]",
        "/settings/0/role/name pattern <= /settings=[{\"type\":\"eks-pod-identity\",\"namespace\":\"payments\",\"serviceAccount\":\"api\",\"role\":{\"name\":\"has space\"}}]",
        "/settings/0/role/path pattern <= /settings=[{\"type\":\"eks-pod-identity\",\"namespace\":\"payments\",\"serviceAccount\":\"api\",\"role\":{\"name\":\"r\",\"path\":\"workload\"}}]",
        "/settings/0/role/managedPolicyArns/0 pattern <= /settings=[{\"type\":\"eks-pod-identity\",\"namespace\":\"payments\",\"serviceAccount\":\"api\",\"role\":{\"name\":\"r\",\"managedPolicyArns\":[\"AdministratorAccess\"]}}]",
        "/settings/0 additionalProperties confirm <= /settings=[{\"type\":\"eks-pod-identity-agent\",\"confirm\":\"x\"}]",
        "/settings/0 required confirm <= /action=\"remove\"",
    })
    void requestContractEdgesAreRejected(String testCase) {
        String expected = testCase.substring(0, testCase.indexOf(" <= "));
        String change = testCase.substring(testCase.indexOf(" <= ") + 4);
        ObjectNode doc = (ObjectNode) readJson(samples.resolve("tickets/aks-binding.json"));
        int eq = change.indexOf('=');
        String field = change.substring(1, eq);
        try {
            doc.set(field, JSON.readTree(change.substring(eq + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> found = requestSchema.validate(doc).stream().map(PublishedDocumentsTest::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(found.contains(expected), () -> change + ": expected " + expected + ", got " + found);
    }

    @Test
    void removeOfAPodIdentityWithConfirmIsValidAndRemoveOfOtherSettingsIsNot() throws IOException {
        JsonNode ok = JSON.readTree("{\"schemaVersion\":1,\"requestId\":\"r-1\",\"requestedBy\":\"a\",\"action\":\"remove\","
                + "\"target\":{\"eksClusterArn\":\"arn:aws-us-gov:eks:us-gov-west-1:111122223333:cluster/c\"},"
                + "\"settings\":[{\"type\":\"eks-pod-identity\",\"namespace\":\"payments\",\"serviceAccount\":\"payments-api\","
                + "\"roleArn\":\"arn:aws-us-gov:iam::111122223333:role/workload/payments-api\",\"confirm\":\"payments/payments-api\"}]}");
        assertNoErrors("remove pod identity", requestSchema.validate(ok));
        JsonNode bad = JSON.readTree("{\"schemaVersion\":1,\"requestId\":\"r-2\",\"requestedBy\":\"a\",\"action\":\"remove\","
                + "\"target\":{\"eksClusterArn\":\"arn:aws:eks:eu-west-1:111122223333:cluster/c\"},"
                + "\"settings\":[{\"type\":\"eks-pod-identity-agent\"}]}");
        assertTrue(keys(requestSchema.validate(bad)).contains("/settings/0/type enum"), () -> "got " + keys(requestSchema.validate(bad)));
    }

    // ---------------------------------------------------------------- baseline

    @Test
    void baselineConformsToTheBaselineSchema() {
        assertNoErrors("baseline.yaml", baselineSchema.validate(baseline));
    }

    @Test
    void baselineSchemaRejectsSettingsThatDoNotFitTheRule() throws IOException {
        JsonNode bad = YAML.readTree("version: 1\nrules:\n  - name: r\n    match: { cloud: azure, resourceType: Microsoft.ContainerRegistry/registries }\n"
                + "    settings: [ { type: storage-trusted-services } ]\n");
        assertTrue(keys(baselineSchema.validate(bad)).contains("/rules/0/settings/0/type enum"), () -> "got " + keys(baselineSchema.validate(bad)));
        JsonNode confirm = YAML.readTree("version: 1\nrules:\n  - name: r\n    match: { cloud: aws, resourceType: eks-cluster }\n"
                + "    settings: [ { type: eks-pod-identity, namespace: a, serviceAccount: b, roleArn: 'arn:aws:iam::111122223333:role/x', confirm: a/b } ]\n");
        assertTrue(keys(baselineSchema.validate(confirm)).contains("/rules/0/settings/0 additionalProperties confirm"),
                () -> "got " + keys(baselineSchema.validate(confirm)));
    }

    // ---------------------------------------------------------------- world

    @Test
    void worldHoldsWhatTheBriefedDemoNeeds() {
        JsonNode rgPlatform = world.at("/azure/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-platform");
        assertEquals("Succeeded", rgPlatform.at("/managedClusters/aks-prod-weu/provisioningState").asText());
        assertEquals("prod", rgPlatform.at("/managedClusters/aks-prod-weu/tags/env").asText());
        assertEquals(0, rgPlatform.at("/managedClusters/aks-prod-weu/trustedAccessRoleBindings").size());
        assertEquals("Creating", rgPlatform.at("/managedClusters/aks-new-weu/provisioningState").asText());
        assertEquals("Premium", rgPlatform.at("/registries/acrplatformweu/sku").asText());
        assertEquals("None", rgPlatform.at("/registries/acrplatformweu/networkRuleBypassOptions").asText());
        assertEquals("Basic", rgPlatform.at("/registries/acrbasicweu/sku").asText());
        JsonNode clusters = world.at("/aws/accounts/111122223333/regions/eu-west-1/clusters");
        assertEquals("ACTIVE", clusters.at("/eks-prod/status").asText());
        assertEquals(0, clusters.at("/eks-prod/addons").size());
        assertEquals(0, clusters.at("/eks-prod/podIdentityAssociations").size());
        assertEquals("CREATING", clusters.at("/eks-new/status").asText());
        assertTrue(world.path("faults").isArray() && world.path("faults").isEmpty());
        assertEquals(0, world.path("latencyMs").asInt(-1));
    }

    @Test
    void everyBaselineRuleMatchesSomethingInTheWorld() {
        for (JsonNode rule : baseline.path("rules")) {
            List<JsonNode> matched = matching(rule.path("match"));
            assertFalse(matched.isEmpty(), "rule " + rule.path("name").asText() + " matches nothing in world.json");
        }
    }

    @Test
    void trustedAccessSourcesAndRolesOfTheBaselineAndTicketsExist() {
        List<JsonNode> items = new ArrayList<>();
        List<String> clusterLocations = new ArrayList<>();
        for (JsonNode rule : baseline.path("rules")) {
            for (JsonNode item : rule.path("settings")) {
                if (item.path("type").asText().equals("aks-trusted-access")) {
                    items.add(item);
                    matching(rule.path("match")).forEach(c -> clusterLocations.add(c.path("location").asText()));
                }
            }
        }
        for (JsonNode ticket : validTickets()) {
            for (JsonNode item : ticket.path("settings")) {
                if (item.path("type").asText().equals("aks-trusted-access")) {
                    items.add(item);
                    clusterLocations.add(azureResource(ticket.at("/target/azureResourceId").asText()).path("location").asText());
                }
            }
        }
        assertFalse(items.isEmpty());
        for (JsonNode item : items) {
            String sourceId = item.path("sourceResourceId").asText();
            JsonNode workspace = azureResource(sourceId);
            assertEquals("SystemAssigned", workspace.at("/identity/type").asText(), "identity of " + sourceId);
            assertTrue(workspace.at("/identity/principalId").asText().matches("[0-9a-f-]{36}"));
            String sourceType = typeOf(sourceId);
            for (String location : clusterLocations) {
                for (JsonNode role : item.path("roles")) {
                    String wanted = role.asText();
                    boolean offered = false;
                    for (JsonNode r : world.at("/azure/trustedAccessRoles/" + location)) {
                        offered |= (r.path("sourceResourceType").asText() + "/" + r.path("name").asText()).equals(wanted)
                                && r.path("sourceResourceType").asText().equals(sourceType);
                    }
                    assertTrue(offered, wanted + " is not offered in " + location);
                }
            }
        }
    }

    @Test
    void workspacesPointAtExistingStorageAccounts() {
        JsonNode workspace = azureResource(
                "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-central");
        assertTrue(workspace.path("hbiWorkspace").asBoolean());
        JsonNode storage = azureResource(workspace.path("storageAccount").asText());
        assertEquals("Deny", storage.at("/networkAcls/defaultAction").asText());
        assertEquals("Logging, Metrics", storage.at("/networkAcls/bypass").asText());
        assertEquals(1, storage.at("/networkAcls/ipRules").size());
    }

    @Test
    void ticketTargetsAndRolesExistInTheWorld() {
        for (JsonNode ticket : validTickets()) {
            JsonNode target = ticket.path("target");
            if (target.has("azureResourceId")) {
                azureResource(target.path("azureResourceId").asText());
            } else {
                Matcher m = EKS_ARN.matcher(target.path("eksClusterArn").asText());
                assertTrue(m.matches(), target.toString());
                JsonNode cluster = world.at("/aws/accounts/" + m.group(2) + "/regions/" + m.group(1) + "/clusters/" + m.group(3));
                assertFalse(cluster.isMissingNode(), "no cluster " + target);
            }
            for (JsonNode item : ticket.path("settings")) {
                if (item.has("roleArn")) {
                    assertPodIdentityRole(item.path("roleArn").asText());
                }
            }
        }
    }

    // ---------------------------------------------------------------- report

    @ParameterizedTest
    @ValueSource(strings = {"sample-report.json", "sample-report-rejected.json"})
    void sampleReportsConformToTheReportSchema(String resource) {
        assertNoErrors(resource, reportSchema.validate(resource(resource)));
    }

    @Test
    void reportSchemaRejectsADryRunThatWrote() {
        ObjectNode report = (ObjectNode) resource("sample-report.json");
        report.put("dryRun", true);
        Set<String> found = reportSchema.validate(report).stream().map(PublishedDocumentsTest::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(found.stream().anyMatch(k -> k.startsWith("/calls/writes const")), () -> "got " + found);
        assertTrue(found.stream().anyMatch(k -> k.startsWith("/targets/0/items/0/status not")), () -> "got " + found);
    }

    @Test
    void reportSchemaRejectsRenamedFields() {
        ObjectNode report = (ObjectNode) resource("sample-report.json");
        report.set("request_id", report.remove("requestId"));
        Set<String> found = keys(reportSchema.validate(report));
        assertTrue(found.contains(" additionalProperties request_id") && found.contains(" required requestId"), () -> "got " + found);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertPodIdentityRole(String roleArn) {
        Matcher m = ROLE_ARN.matcher(roleArn);
        assertTrue(m.matches(), roleArn);
        JsonNode role = world.at("/aws/accounts/" + m.group(1) + "/iam/roles/" + m.group(3));
        assertFalse(role.isMissingNode(), "no role " + roleArn);
        String path = m.group(2) == null ? "/" : "/" + m.group(2);
        assertEquals(path, role.path("path").asText(), "path of " + roleArn);
        boolean trusted = false;
        for (JsonNode st : role.at("/assumeRolePolicyDocument/Statement")) {
            Set<String> actions = new TreeSet<>();
            st.path("Action").forEach(a -> actions.add(a.asText()));
            trusted |= st.path("Effect").asText().equals("Allow")
                    && st.at("/Principal/Service").asText().equals("pods.eks.amazonaws.com")
                    && actions.containsAll(Set.of("sts:AssumeRole", "sts:TagSession"));
        }
        assertTrue(trusted, roleArn + " does not trust pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession");
    }

    /** World resources (Azure resources or EKS clusters) that a rule's match selects. */
    private static List<JsonNode> matching(JsonNode match) {
        List<JsonNode> out = new ArrayList<>();
        String cloud = match.path("cloud").asText("");
        String type = match.path("resourceType").asText("");
        if (!cloud.equals("aws")) {
            for (Map.Entry<String, JsonNode> sub : entries(world.at("/azure/subscriptions"))) {
                for (Map.Entry<String, JsonNode> rg : entries(sub.getValue().path("resourceGroups"))) {
                    for (Map.Entry<String, JsonNode> kind : entries(rg.getValue())) {
                        if (!type.isEmpty() && !type.endsWith("/" + kind.getKey())) {
                            continue;
                        }
                        for (Map.Entry<String, JsonNode> res : entries(kind.getValue())) {
                            if (globs(match, "subscriptions", sub.getKey()) && globs(match, "resourceGroups", rg.getKey())
                                    && globs(match, "names", res.getKey()) && tags(match, res.getValue())) {
                                out.add(res.getValue());
                            }
                        }
                    }
                }
            }
        }
        if (!cloud.equals("azure")) {
            for (Map.Entry<String, JsonNode> acc : entries(world.at("/aws/accounts"))) {
                for (Map.Entry<String, JsonNode> reg : entries(acc.getValue().path("regions"))) {
                    for (Map.Entry<String, JsonNode> cl : entries(reg.getValue().path("clusters"))) {
                        if (globs(match, "accounts", acc.getKey()) && globs(match, "regions", reg.getKey())
                                && globs(match, "names", cl.getKey()) && tags(match, cl.getValue())) {
                            out.add(cl.getValue());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean globs(JsonNode match, String field, String value) {
        if (!match.has(field)) {
            return true;
        }
        for (JsonNode g : match.path(field)) {
            if (glob(g.asText(), value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean tags(JsonNode match, JsonNode resource) {
        for (Map.Entry<String, JsonNode> t : entries(match.path("tags"))) {
            if (!glob(t.getValue().asText(), resource.path("tags").path(t.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static boolean glob(String glob, String value) {
        if (value == null) {
            return false;
        }
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(re.toString());
    }

    private static JsonNode azureResource(String id) {
        Matcher m = AZURE_ID.matcher(id);
        assertTrue(m.matches(), "not an Azure resource id: " + id);
        JsonNode res = world.at("/azure/subscriptions/" + m.group(1) + "/resourceGroups/" + m.group(2) + "/"
                + m.group(4) + "/" + m.group(5));
        assertFalse(res.isMissingNode(), "world.json has no " + id);
        return res;
    }

    private static String typeOf(String id) {
        Matcher m = AZURE_ID.matcher(id);
        assertTrue(m.matches(), id);
        return m.group(3) + "/" + m.group(4);
    }

    private static List<JsonNode> validTickets() {
        try (Stream<Path> files = Files.list(samples.resolve("tickets"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted()
                    .map(PublishedDocumentsTest::readJson).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static Set<String> keys(Set<ValidationMessage> errors) {
        return errors.stream().map(PublishedDocumentsTest::key).collect(Collectors.toCollection(TreeSet::new));
    }

    /** "instanceLocation keyword [property]", e.g. "/settings/0 required confirm" or " additionalProperties priority". */
    private static String key(ValidationMessage m) {
        String loc = m.getInstanceLocation().toString();
        String base = (loc.equals("/") ? "" : loc) + " " + m.getType();
        return m.getProperty() == null ? base : base + " " + m.getProperty();
    }

    private static void assertNoErrors(String what, Set<ValidationMessage> errors) {
        if (!errors.isEmpty()) {
            fail(what + " does not conform:\n  " + errors.stream().map(ValidationMessage::toString)
                    .sorted().collect(Collectors.joining("\n  ")));
        }
    }

    private static JsonSchema schema(String name) {
        return FACTORY.getSchema(readJson(schemaFile(name)), CONFIG);
    }

    private static Path schemaFile(String name) {
        return samples.resolve("schema/" + name + ".schema.json");
    }

    private static JsonNode resource(String name) {
        try (InputStream in = PublishedDocumentsTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "test resource " + name);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static JsonNode readYaml(Path p) {
        try {
            return YAML.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

}
