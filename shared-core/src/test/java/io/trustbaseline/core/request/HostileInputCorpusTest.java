package io.trustbaseline.core.request;

import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.setting.Catalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.EKS;
import static io.trustbaseline.core.fake.Fixtures.ML_SOURCE;
import static io.trustbaseline.core.fake.Fixtures.MLWORKLOAD;
import static io.trustbaseline.core.fake.Fixtures.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input that a lenient reader would accept and write: each case is refused naming its field and rule, before any
 * cloud call, so nothing is written.
 */
class HostileInputCorpusTest {
    private static final String PREFIX = "/subscriptions/" + SUB + "/resourceGroups/rg-ml/providers/"
            + "Microsoft.MachineLearningServices/workspaces/";

    record Case(String name, String json, String field, String rule) {
        @Override
        public String toString() { return name; }
    }

    private static String ticket(String target, String settings) {
        return """
                {"schemaVersion": 1, "requestId": "CHG-HOSTILE", "requestedBy": "mallory@example.com",
                 "target": %s, "settings": %s}""".formatted(target, settings);
    }

    private static final String AKS_TARGET = "{\"azureResourceId\": \"" + AKS.id() + "\"}";

    private static String binding(String name, String source) {
        return "{\"type\": \"aks-trusted-access\", \"name\": \"" + name + "\", \"sourceResourceId\": \"" + source
                + "\", \"roles\": [\"" + MLWORKLOAD + "\"]}";
    }

    /** A binding left for trust-baseline to name after its source. */
    private static String unnamed(String source) {
        return "{\"type\": \"aks-trusted-access\", \"sourceResourceId\": \"" + source + "\", \"roles\": [\""
                + MLWORKLOAD + "\"]}";
    }

    private static String source(String source) {
        return ticket(AKS_TARGET, "[" + binding("tb-ml", source) + "]");
    }

    /** A source of a type without a naming rule of its own: only the id's generic name rule applies. */
    private static final String GENERIC = "/subscriptions/" + SUB + "/resourceGroups/rg-ml/providers/Microsoft.Example/things/";

    private static final String GOOD = ticket(AKS_TARGET, "[" + binding("tb-ml", ML_SOURCE.id()) + "]");

    private static Case c(String name, String json, String field, String rule) {
        return new Case(name, json, field, rule);
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                c("trailing content after the document", GOOD + " trailing", "$", "json"),
                c("a second concatenated document", GOOD + GOOD, "$", "json"),
                c("a second document after a newline", GOOD + "\n{\"schemaVersion\": 1}", "$", "json"),
                c("a trailing closing brace", GOOD + "}", "$", "json"),
                c("schemaVersion 4294967297 (2^32 + 1, would wrap to 1)",
                        GOOD.replace("\"schemaVersion\": 1", "\"schemaVersion\": 4294967297"), "schemaVersion", "range"),
                c("schemaVersion beyond a long", GOOD.replace("\"schemaVersion\": 1", "\"schemaVersion\": 18446744073709551617"),
                        "schemaVersion", "range"),
                c("\"Target\" instead of target", GOOD.replace("\"target\"", "\"Target\""), "Target", "unknown-field"))
                .map(Arguments::of);
    }

    static Stream<Arguments> ids() {
        return Stream.of(
                c("a %2F in the source's name", source(PREFIX + "ml%2Fother"), "settings[0].sourceResourceId", "resource-id"),
                c("a %2F as an encoded extra segment", source(PREFIX.replace("/workspaces/", "%2Fworkspaces/") + "ml"),
                        "settings[0].sourceResourceId", "resource-id"),
                c("a newline in the source's name", source(PREFIX + "ml\\nother"), "settings[0].sourceResourceId", "resource-id"),
                c("a NUL in the source's name", source(PREFIX + "ml\\u0000"), "settings[0].sourceResourceId", "resource-id"),
                c("a 300-character name segment", source(PREFIX + "m".repeat(300)), "settings[0].sourceResourceId",
                        "resource-id"),
                c("a workspace name longer than its type allows (34)", source(PREFIX + "m".repeat(34)),
                        "settings[0].sourceResourceId", "name"),
                c("an extra segment", source(PREFIX + "ml/extra"), "settings[0].sourceResourceId", "resource-id"),
                c("a query in the id", source(PREFIX + "ml?api-version=1"), "settings[0].sourceResourceId", "resource-id"),
                c("a type segment with a dot", source(PREFIX.replace("/workspaces/", "/work.spaces/") + "ml"),
                        "settings[0].sourceResourceId", "resource-id"),
                c("a name ending with a dot", source(PREFIX.replace("Microsoft.MachineLearningServices/workspaces",
                        "Microsoft.Example/things") + "thing."), "settings[0].sourceResourceId", "resource-id"),
                c("a %2F in the target id", ticket("{\"azureResourceId\": \"" + AKS.id().replace("/aks-prod", "/aks%2Fprod")
                        + "\"}", "[" + binding("tb-ml", ML_SOURCE.id()) + "]"), "target.azureResourceId", "resource-id"),
                c("an EKS ARN in the aws-cn partition for an aws region", ticket(
                        "{\"eksClusterArn\": \"arn:aws-cn:eks:eu-west-1:111122223333:cluster/prod-eks\"}",
                        "[{\"type\": \"eks-pod-identity-agent\"}]"), "target.eksClusterArn", "arn"),
                c("an EKS ARN in the aws partition for a China region", ticket(
                        "{\"eksClusterArn\": \"arn:aws:eks:cn-north-1:111122223333:cluster/prod-eks\"}",
                        "[{\"type\": \"eks-pod-identity-agent\"}]"), "target.eksClusterArn", "arn"),
                c("a NEXT LINE (U+0085, a Unicode control) in a source's name", source(GENERIC + "thing\u0085x"),
                        "settings[0].sourceResourceId", "resource-id"),
                c("a LINE SEPARATOR (U+2028) in a source's name", source(GENERIC + "thing\u2028x"),
                        "settings[0].sourceResourceId", "resource-id"),
                c("a C1 control (U+009B) ending a source's name", source(GENERIC + "thing\u009b"),
                        "settings[0].sourceResourceId", "resource-id"),
                c("a trailing slash after the source's name", source(PREFIX + "ml/"), "settings[0].sourceResourceId",
                        "resource-id"),
                c("'..' as the source's name", source(GENERIC + ".."), "settings[0].sourceResourceId", "resource-id"),
                c("'..' as the source's resource group", source(PREFIX.replace("/rg-ml/", "/../") + "ml"),
                        "settings[0].sourceResourceId", "resource-id"),
                c("an empty segment (//) in the source", source(PREFIX.replace("/providers/", "//providers/") + "ml"),
                        "settings[0].sourceResourceId", "resource-id"),
                c("a trailing slash on the target id", ticket("{\"azureResourceId\": \"" + AKS.id() + "/\"}",
                        "[" + binding("tb-ml", ML_SOURCE.id()) + "]"), "target.azureResourceId", "resource-id"),
                c("'..' as the target's resource group", ticket("{\"azureResourceId\": \"" + AKS.id().replace(
                        "/resourceGroups/" + AKS.resourceGroup() + "/", "/resourceGroups/../") + "\"}",
                        "[" + binding("tb-ml", ML_SOURCE.id()) + "]"), "target.azureResourceId", "resource-id"),
                c("an EKS ARN in aws-us-gov for a commercial region", ticket(
                        "{\"eksClusterArn\": \"arn:aws-us-gov:eks:us-east-1:111122223333:cluster/prod-eks\"}",
                        "[{\"type\": \"eks-pod-identity-agent\"}]"), "target.eksClusterArn", "arn"))
                .map(Arguments::of);
    }

    private static final String EKS_TARGET = "{\"eksClusterArn\": \"" + EKS.id() + "\"}";

    private static String pod(String serviceAccount, String role) {
        return "{\"type\": \"eks-pod-identity\", \"namespace\": \"apps\", \"serviceAccount\": \"" + serviceAccount
                + "\", \"roleArn\": \"arn:aws:iam::111122223333:role/workload/" + role + "\"}";
    }

    static Stream<Arguments> duplicates() {
        return Stream.of(
                c("one binding asked twice with different sources", ticket(AKS_TARGET, "[" + binding("tb-ml", ML_SOURCE.id())
                        + ", " + binding("tb-ml", PREFIX + "other") + "]"), "settings[1]", "duplicate"),
                c("one binding asked twice in other letter case", ticket(AKS_TARGET, "[" + binding("tb-ml", ML_SOURCE.id())
                        + ", " + binding("TB-ML", ML_SOURCE.id()) + "]"), "settings[1]", "duplicate"),
                c("one service account bound to two roles", ticket(EKS_TARGET, "[" + pod("api", "a") + ", "
                        + pod("api", "b") + "]"), "settings[1]", "duplicate"),
                c("one source bound twice, spelt in other letter case (ARM ids compare without case)",
                        ticket(AKS_TARGET, "[" + unnamed(ML_SOURCE.id()) + ", " + unnamed(ML_SOURCE.id()
                                .toUpperCase(java.util.Locale.ROOT)) + "]"), "settings[1]", "duplicate"),
                c("a third item repeating the first", ticket(EKS_TARGET, "[" + pod("api", "a") + ", " + pod("web", "a")
                        + ", " + pod("api", "a") + "]"), "settings[2]", "duplicate"))
                .map(Arguments::of);
    }

    private static String roleArn(String field, String arn) {
        return ticket(EKS_TARGET, "[{\"type\": \"eks-pod-identity\", \"namespace\": \"apps\", \"serviceAccount\":"
                + " \"api\", " + (field.equals("roleArn") ? "" : "\"roleArn\": \"arn:aws:iam::111122223333:role/workload/a\", ")
                + "\"" + field + "\": " + Json.write(arn) + "}]");
    }

    /** Role ARNs IAM would not return for any role: refused by their shape, before anything is read. */
    static Stream<Arguments> roleArns() {
        String at = "settings[0].roleArn";
        return Stream.of(
                c("a trailing slash after the role name", roleArn("roleArn", "arn:aws:iam::111122223333:role/workload/app/"),
                        at, "pattern"),
                c("an empty path segment (//)", roleArn("roleArn", "arn:aws:iam::111122223333:role/workload//app"), at,
                        "pattern"),
                c("an empty path (role//name)", roleArn("roleArn", "arn:aws:iam::111122223333:role//app"), at, "pattern"),
                c("full-width digits in the account", roleArn("roleArn",
                        "arn:aws:iam::\uff11\uff11\uff11\uff11\uff12\uff12\uff12\uff12\uff13\uff13\uff13\uff13:role/workload/app"),
                        at, "pattern"),
                c("a letter O for a zero in the account", roleArn("roleArn", "arn:aws:iam::1111222233O3:role/workload/app"),
                        at, "pattern"),
                c("an 11-digit account", roleArn("roleArn", "arn:aws:iam::11112222333:role/workload/app"), at, "pattern"),
                c("the partition in upper case", roleArn("roleArn", "arn:AWS:iam::111122223333:role/workload/app"), at,
                        "pattern"),
                c("the service in upper case", roleArn("roleArn", "arn:aws:IAM::111122223333:role/workload/app"), at,
                        "pattern"),
                c("a region in an IAM ARN", roleArn("roleArn", "arn:aws:iam:eu-west-1:111122223333:role/workload/app"),
                        at, "pattern"),
                c("a Cyrillic a in the role name", roleArn("roleArn", "arn:aws:iam::111122223333:role/workload/\u0430pp"),
                        at, "pattern"),
                c("a role name of 65 characters", roleArn("roleArn", "arn:aws:iam::111122223333:role/workload/"
                        + "a".repeat(65)), at, "pattern"),
                c("a newline after the role name", roleArn("roleArn", "arn:aws:iam::111122223333:role/workload/app\n"),
                        at, "pattern"),
                c("a partition IAM does not have", roleArn("roleArn", "arn:aws-eu:iam::111122223333:role/workload/app"),
                        at, "pattern"),
                c("a targetRoleArn with a trailing slash", roleArn("targetRoleArn",
                        "arn:aws:iam::111122223333:role/workload/app/"), "settings[0].targetRoleArn", "pattern"),
                c("a targetRoleArn with full-width digits", roleArn("targetRoleArn",
                        "arn:aws:iam::\uff11\uff11\uff11\uff11\uff12\uff12\uff12\uff12\uff13\uff13\uff13\uff13:role/x"),
                        "settings[0].targetRoleArn", "pattern"))
                .map(Arguments::of);
    }

    static Stream<Arguments> sessions() {
        String session = "\"policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\"";
        return Stream.of(
                c("a session policy with session tags on", ticket(EKS_TARGET, "[" + pod("api", "a").replace("}", ", "
                        + session + "}") + "]"), "settings[0].policy", "requires-disableSessionTags"),
                c("a session policy that is not JSON", ticket(EKS_TARGET, "[" + pod("api", "a").replace("}",
                        ", \"disableSessionTags\": true, \"policy\": \"allow everything\"}") + "]"),
                        "settings[0].policy", "json"),
                c("a session policy with trailing content", ticket(EKS_TARGET, "[" + pod("api", "a").replace("}",
                        ", \"disableSessionTags\": true, \"policy\": \"{} {}\"}") + "]"), "settings[0].policy", "json"),
                c("a session policy over 2048 characters", ticket(EKS_TARGET, "[" + pod("api", "a").replace("}",
                        ", \"disableSessionTags\": true, \"policy\": \"{\\\"Sid\\\":\\\"" + "x".repeat(2048) + "\\\"}\"}")
                        + "]"), "settings[0].policy", "max-length"),
                c("restrictToCluster with session tags disabled", ticket(EKS_TARGET, "[{\"type\": \"eks-pod-identity\","
                        + " \"namespace\": \"apps\", \"serviceAccount\": \"api\", \"disableSessionTags\": true, \"role\":"
                        + " {\"name\": \"api\", \"path\": \"/workload/\", \"restrictToCluster\": true}}]"),
                        "settings[0].role.restrictToCluster", "requires-session-tags"))
                .map(Arguments::of);
    }

    private final FakeCloud cloud = Fixtures.readyCloud();

    @ParameterizedTest(name = "{0}")
    @MethodSource({"documents", "ids", "roleArns", "duplicates", "sessions"})
    void isRefusedNamingFieldAndRuleWithNothingWritten(Case c) {
        Report report = Fixtures.trustBaseline(cloud).handle(c.json(), Trigger.TICKET);

        assertEquals(Status.REJECTED, report.status(), report::toJson);
        assertEquals(Calls.NONE, report.calls());
        assertEquals(0, cloud.totalCalls(), "a refused request calls no cloud API");
        assertTrue(report.errors().stream().anyMatch(e -> e.field().equals(c.field()) && e.rule().equals(c.rule())),
                () -> "no " + c.rule() + " at " + c.field() + " in " + report.errors());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("duplicates")
    void aDuplicateNamesBothIndexes(Case c) {
        Report report = Fixtures.trustBaseline(cloud).handle(c.json(), Trigger.TICKET);
        FieldError e = report.errors().stream().filter(x -> x.rule().equals("duplicate")).findFirst().orElseThrow();
        String later = c.field().substring("settings[".length(), c.field().length() - 1);

        assertTrue(e.message().contains("settings[0]") && e.message().contains("settings[" + later + "]"), e.message());
    }

    private static final String BASELINE_HEAD = """
            version: 1
            rules:
            """;

    static Stream<Arguments> baselines() {
        String eks = "    match: { cloud: aws, resourceType: eks-cluster }\n";
        String policy = "      - { type: eks-pod-identity, namespace: apps, serviceAccount: api,"
                + " role: { name: api, managedPolicyArns: [%s] } }\n";
        String aks = "    match: { cloud: azure, resourceType: Microsoft.ContainerService/managedClusters, names: [\"%s\"] }\n";
        String binding = "      - { type: aks-trusted-access, name: aml, sourceResourceId: \"" + PREFIX + "%s\","
                + " roles: [" + MLWORKLOAD + "] }\n";
        return Stream.of(
                c("AdministratorAccess in lower case", BASELINE_HEAD + "  - name: r\n" + eks + "    settings:\n"
                        + policy.formatted("\"arn:aws:iam::aws:policy/administratoraccess\""),
                        "rules[0].settings[0].role.managedPolicyArns[0]", "guardrail:forbiddenPolicyArns"),
                c("AdministratorAccess as a customer-managed policy", BASELINE_HEAD + "  - name: r\n" + eks
                        + "    settings:\n" + policy.formatted("\"arn:aws:iam::111122223333:policy/AdministratorAccess\""),
                        "rules[0].settings[0].role.managedPolicyArns[0]", "guardrail:forbiddenPolicyArns"),
                c("IAMFullAccess under another path", BASELINE_HEAD + "  - name: r\n" + eks + "    settings:\n"
                        + policy.formatted("\"arn:aws:iam::aws:policy/x/IAMFULLACCESS\""),
                        "rules[0].settings[0].role.managedPolicyArns[0]", "guardrail:forbiddenPolicyArns"),
                c("two rules give one binding name different sources", BASELINE_HEAD
                        + "  - name: a\n" + aks.formatted("aks-*") + "    settings:\n" + binding.formatted("one")
                        + "  - name: b\n" + aks.formatted("*-prod") + "    settings:\n" + binding.formatted("two"),
                        "rules[1].settings[0]", "conflicting-items"),
                c("a second YAML document", BASELINE_HEAD + "  - name: a\n" + eks
                        + "    settings: [ { type: eks-pod-identity-agent } ]\n---\nversion: 2\n", "$", "yaml"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void aBaselineThatContradictsItsGuardrailsOrItselfIsRefusedAtLoad(Case c) {
        List<FieldError> errors = assertThrows(InvalidInputException.class,
                () -> new BaselineLoader(Catalog.standard()).parse(c.json())).errors();

        assertTrue(errors.stream().anyMatch(e -> (e.field().equals(c.field()) || c.field().equals("$"))
                        && e.rule().equals(c.rule())), () -> "no " + c.rule() + " at " + c.field() + " in " + errors);
    }
}
