package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.port.aws.IamRole;
import io.trustbaseline.core.port.aws.PodIdentityAssociation;
import io.trustbaseline.core.port.azure.TrustedAccessBinding;
import io.trustbaseline.core.port.azure.Workspace;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.aws.EksPodIdentity;
import io.trustbaseline.core.setting.aws.TrustPolicy;
import io.trustbaseline.core.setting.azure.AksTrustedAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.trustbaseline.core.fake.Fixtures.ACCOUNT;
import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.EKS;
import static io.trustbaseline.core.fake.Fixtures.ML_SOURCE;
import static io.trustbaseline.core.fake.Fixtures.MLWORKLOAD;
import static io.trustbaseline.core.fake.Fixtures.OTHER_ACCOUNT;
import static io.trustbaseline.core.fake.Fixtures.WORKSPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guardrail-escape classes a hostile ticket can try, each tried as a class: every case is refused naming its
 * field and rule, and nothing is written. A case is either rejected before any cloud call (the request alone breaks
 * a rule) or refused after reading (what the cloud holds makes the item break one: the item is blocked with the
 * field and rule, and the write log stays empty).
 */
class HostileTicketCorpusTest {
    private static final String BOUNDARY = "arn:aws:iam::111122223333:policy/workload-boundary";
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final Map<String, String> MANAGED = Map.of(EksPodIdentity.MANAGED_TAG, "true");
    private static final String DEFENDER_SOURCE = "/subscriptions/" + Fixtures.SUB
            + "/resourceGroups/rg/providers/Microsoft.Security/pricings/containers";

    /** One hostile ticket: the cloud it meets, and the field and rule its refusal must name. */
    record Case(String name, String ticket, Consumer<FakeCloud> world, String field, String rule, boolean beforeAnyCall) {
        @Override
        public String toString() { return name; }
    }

    private static String ticket(String target, String action, String... items) {
        return """
                {"schemaVersion": 1, "requestId": "CHG-HOSTILE", "requestedBy": "mallory@example.com", "action": "%s",
                 "target": %s, "settings": [%s]}""".formatted(action, target, String.join(", ", items));
    }

    private static String eks(String account) {
        return "{\"eksClusterArn\": \"arn:aws:eks:eu-west-1:" + account + ":cluster/prod-eks\"}";
    }

    private static String aks() { return "{\"azureResourceId\": \"" + AKS.id() + "\"}"; }

    private static String pod(String namespace, String serviceAccount, String rest) {
        return "{\"type\": \"eks-pod-identity\", \"namespace\": \"" + namespace + "\", \"serviceAccount\": \""
                + serviceAccount + "\"" + (rest.isEmpty() ? "" : ", " + rest) + "}";
    }

    private static String roleSpec(String policies, String boundary) {
        return "\"role\": {\"name\": \"api\", \"path\": \"/workload/\", \"managedPolicyArns\": [" + policies + "]"
                + (boundary == null ? "" : ", \"permissionsBoundaryArn\": \"" + boundary + "\"") + "}";
    }

    private static String binding(String name) {
        return "{\"type\": \"aks-trusted-access\", \"name\": \"" + name + "\", \"sourceResourceId\": \"" + ML_SOURCE.id()
                + "\", \"roles\": [\"" + MLWORKLOAD + "\"]}";
    }

    private static Consumer<FakeCloud> role(String account, String name, String path, List<String> attached,
                                            String trust, Map<String, String> tags) {
        return c -> c.role(account, new IamRole(name, path, "arn:aws:iam::" + account + ":role" + path + name, trust,
                null, tags), attached);
    }

    private static final Consumer<FakeCloud> NOTHING = c -> { };

    private static Case rejected(String name, String ticket, String field, String rule) {
        return new Case(name, ticket, NOTHING, field, rule, true);
    }

    private static Case refused(String name, String ticket, Consumer<FakeCloud> world, String field, String rule) {
        return new Case(name, ticket, world, field, rule, false);
    }

    /** Critical: a role ARN's path is checked against the role IAM returns for its name. */
    static Stream<Arguments> roleIdentity() {
        String trust = TrustPolicy.standard(null);
        return Stream.of(
                refused("roleArn under /workload/ names the administrator role at /",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/ops-admin\"")),
                        role(ACCOUNT, "ops-admin", "/", List.of(), trust, Map.of()), "roleArn", "role-identity"),
                refused("roleArn under a deeper allowed path names a role at another path",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/team/ops\"")),
                        role(ACCOUNT, "ops", "/admin/", List.of(), trust, Map.of()), "roleArn", "role-identity"),
                refused("a role spec under /workload/ whose name IAM resolves at /",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec("", BOUNDARY))),
                        role(ACCOUNT, "api", "/", List.of(), trust, MANAGED), "role.path", "role-identity"),
                refused("targetRoleArn under /workload/ names a role at /",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\", \"targetRoleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/ops-admin\"")),
                        role(ACCOUNT, "app", "/workload/", List.of(), trust, Map.of())
                                .andThen(role(ACCOUNT, "ops-admin", "/", List.of(), trust, Map.of())),
                        "targetRoleArn", "role-identity"),
                refused("roleArn naming the role in other letter case (IAM names ignore case)",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/OPS-ADMIN\"")),
                        role(ACCOUNT, "ops-admin", "/", List.of(), trust, Map.of()), "roleArn", "role-identity"),
                refused("roleArn naming a role at its own path in other letter case",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/App\"")),
                        role(ACCOUNT, "app", "/workload/", List.of(), trust, Map.of()), "roleArn", "role-identity"),
                refused("a role spec whose name in other letter case IAM resolves to a managed role at /",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec("", BOUNDARY).replace(
                                "\"name\": \"api\"", "\"name\": \"API\""))),
                        role(ACCOUNT, "api", "/", List.of(), trust, MANAGED), "role.path", "role-identity"),
                refused("targetRoleArn in other letter case names a role at /",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\", \"targetRoleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/Ops-Admin\"")),
                        role(ACCOUNT, "app", "/workload/", List.of(), trust, Map.of())
                                .andThen(role(ACCOUNT, "ops-admin", "/", List.of(), trust, Map.of())),
                        "targetRoleArn", "role-identity"),
                refused("roleArn in another account than the cluster's",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + OTHER_ACCOUNT
                                + ":role/workload/app\"")),
                        role(OTHER_ACCOUNT, "app", "/workload/", List.of(), trust, Map.of()), "roleArn", "same-account"),
                rejected("roleArn in another partition than the guardrail allows",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws-cn:iam::" + ACCOUNT
                                + ":role/workload/app\"")), "settings[0].roleArn", "guardrail:ticketRoleArns"))
                .map(Arguments::of);
    }

    /** High: the account or subscription a request names is the one written to, and only served ones are. */
    static Stream<Arguments> servedScopes() {
        String trust = TrustPolicy.standard(null);
        return Stream.of(
                rejected("a cluster in an account the deployment does not serve",
                        ticket(eks(OTHER_ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::"
                                + OTHER_ACCOUNT + ":role/workload/app\"")), "target", "served-scopes"),
                rejected("a cluster in an unserved account, asking for the baseline",
                        """
                        {"schemaVersion": 1, "requestId": "CHG-HOSTILE", "requestedBy": "mallory@example.com",
                         "target": %s}""".formatted(eks("999988887777")), "target", "served-scopes"),
                rejected("an AKS cluster in a subscription the deployment does not serve",
                        ticket("{\"azureResourceId\": \"/subscriptions/" + Fixtures.OTHER_SUB + "/resourceGroups/rg/"
                                + "providers/Microsoft.ContainerService/managedClusters/aks1\"}", "ensure",
                                binding(AksTrustedAccess.nameFor(ML_SOURCE.id()))), "target", "served-scopes"),
                refused("a binding's source in another subscription than the cluster's (both served)",
                        ticket(aks(), "ensure", "{\"type\": \"aks-trusted-access\", \"sourceResourceId\": \""
                                + ML_SOURCE.id().replace(Fixtures.SUB, Fixtures.OTHER_SUB) + "\", \"roles\": [\""
                                + MLWORKLOAD + "\"]}"),
                        c -> c.served.add(Fixtures.OTHER_SUB), "sourceResourceId", "same-subscription"),
                refused("a target role in an account the deployment does not serve",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\", \"targetRoleArn\": \"arn:aws:iam::" + OTHER_ACCOUNT
                                + ":role/workload/app\"")),
                        role(ACCOUNT, "app", "/workload/", List.of(), trust, Map.of()), "targetRoleArn", "served-scopes"))
                .map(Arguments::of);
    }

    /** High: tickets grant only what guardrails allow, and change only what trust-baseline owns. */
    static Stream<Arguments> grants() {
        String trust = TrustPolicy.standard(null);
        String denying = "{\"Version\":\"2012-10-17\",\"Statement\":[" + TrustPolicy.standard(null)
                .replaceFirst("^.*\"Statement\":\\[", "").replaceFirst("]}$", "")
                + ",{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        String at = "settings[0].role.managedPolicyArns[0]";
        return Stream.of(
                rejected("PowerUserAccess is not in ticketPolicyArns",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec(
                                "\"arn:aws:iam::aws:policy/PowerUserAccess\"", BOUNDARY))), at, "guardrail:ticketPolicyArns"),
                rejected("an allowed policy in other letter case is another policy",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec(
                                "\"arn:aws:iam::aws:policy/amazons3readonlyaccess\"", BOUNDARY))), at, "guardrail:ticketPolicyArns"),
                rejected("a customer-managed policy named AdministratorAccess",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec(
                                "\"arn:aws:iam::" + ACCOUNT + ":policy/AdministratorAccess\"", BOUNDARY))), at,
                        "guardrail:forbiddenPolicyArns"),
                rejected("AdministratorAccess spelt in lower case",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec(
                                "\"arn:aws:iam::aws:policy/administratoraccess\"", BOUNDARY))), at,
                        "guardrail:forbiddenPolicyArns"),
                rejected("AdministratorAccess under another path",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec(
                                "\"arn:aws:iam::aws:policy/job-function/AdministratorAccess\"", BOUNDARY))), at,
                        "guardrail:forbiddenPolicyArns"),
                rejected("an allowed policy's name under another path",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec(
                                "\"arn:aws:iam::aws:policy/job-function/AmazonS3ReadOnlyAccess\"", BOUNDARY))), at,
                        "guardrail:ticketPolicyArns"),
                rejected("a customer-managed policy with an allowed policy's name",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec(
                                "\"arn:aws:iam::" + ACCOUNT + ":policy/AmazonS3ReadOnlyAccess\"", BOUNDARY))), at,
                        "guardrail:ticketPolicyArns"),
                rejected("an allowed policy in another partition",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec(
                                "\"arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess\"", BOUNDARY))), at,
                        "guardrail:ticketPolicyArns"),
                rejected("the required boundary in other letter case",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec("", BOUNDARY.toUpperCase()
                                .replace("ARN:AWS:IAM::", "arn:aws:iam::").replace(":POLICY/", ":policy/")))),
                        "settings[0].role.permissionsBoundaryArn", "guardrail:requiredPermissionsBoundary"),
                rejected("the required boundary's name in another account",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec("", BOUNDARY.replace(ACCOUNT,
                                OTHER_ACCOUNT)))),
                        "settings[0].role.permissionsBoundaryArn", "guardrail:requiredPermissionsBoundary"),
                rejected("a ticket role without the required boundary",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec("", null))),
                        "settings[0].role.permissionsBoundaryArn", "guardrail:requiredPermissionsBoundary"),
                rejected("a ticket role with another boundary",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec("",
                                "arn:aws:iam::" + ACCOUNT + ":policy/wide-open"))),
                        "settings[0].role.permissionsBoundaryArn", "guardrail:requiredPermissionsBoundary"),
                refused("binding a role under /workload/ that holds AdministratorAccess",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\"")),
                        role(ACCOUNT, "app", "/workload/", List.of(ADMIN), trust, Map.of()), "roleArn",
                        "guardrail:forbiddenPolicyArns"),
                refused("binding a role holding a customer-managed look-alike of AdministratorAccess",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\"")),
                        role(ACCOUNT, "app", "/workload/", List.of("arn:aws:iam::" + ACCOUNT + ":policy/x/ADMINISTRATORACCESS"),
                                trust, Map.of()), "roleArn", "guardrail:forbiddenPolicyArns"),
                refused("a target role that holds AdministratorAccess",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\", \"targetRoleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/data\"")),
                        role(ACCOUNT, "app", "/workload/", List.of(), trust, Map.of())
                                .andThen(role(ACCOUNT, "data", "/workload/", List.of(ADMIN), trust, Map.of())),
                        "targetRoleArn", "guardrail:forbiddenPolicyArns"),
                refused("a target role that holds a customer-managed IAMFullAccess under a path",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\", \"targetRoleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/data\"")),
                        role(ACCOUNT, "app", "/workload/", List.of(), trust, Map.of())
                                .andThen(role(ACCOUNT, "data", "/workload/", List.of("arn:aws:iam::" + ACCOUNT
                                        + ":policy/team/iamfullaccess"), trust, Map.of())),
                        "targetRoleArn", "guardrail:forbiddenPolicyArns"),
                rejected("storage data roles for a workspace that is not HBI",
                        ticket("{\"azureResourceId\": \"" + WORKSPACE.id() + "\"}", "ensure",
                                "{\"type\": \"workspace-storage-roles\", \"hbiOnly\": false}"),
                        "settings[0].hbiOnly", "guardrail:hbiOnly"),
                rejected("removing a binding trust-baseline did not create (Defender's)",
                        ticket(aks(), "remove", "{\"type\": \"aks-trusted-access\", \"name\": \"defender\", \"confirm\":"
                                + " \"defender\"}"), "settings[0].name", "ownership"),
                rejected("re-pointing the baseline's own binding",
                        ticket(aks(), "ensure", binding("aml-central")), "settings[0].name", "guardrail:baseline-item"),
                rejected("removing Defender's binding, naming its source",
                        ticket(aks(), "remove", "{\"type\": \"aks-trusted-access\", \"name\": \"defender\","
                                + " \"sourceResourceId\": \"" + DEFENDER_SOURCE + "\", \"confirm\": \"defender\"}"),
                        "settings[0].name", "ownership"),
                rejected("re-pointing a binding made by hand with a tb- name",
                        ticket(aks(), "ensure", binding("tb-foo")), "settings[0].name", "ownership"),
                rejected("removing a binding made by hand with a tb- name",
                        ticket(aks(), "remove", "{\"type\": \"aks-trusted-access\", \"name\": \"tb-foo\","
                                + " \"sourceResourceId\": \"" + ML_SOURCE.id() + "\", \"confirm\": \"tb-foo\"}"),
                        "settings[0].name", "ownership"),
                rejected("removing a binding made by hand with a tb- name, without its source",
                        ticket(aks(), "remove", "{\"type\": \"aks-trusted-access\", \"name\": \"tb-foo\","
                                + " \"confirm\": \"tb-foo\"}"), "settings[0].sourceResourceId", "ownership"),
                rejected("a request that adopts a binding",
                        ticket(aks(), "ensure", "{\"type\": \"aks-trusted-access\", \"name\": \"tb-foo\","
                                + " \"adopt\": true, \"sourceResourceId\": \"" + ML_SOURCE.id() + "\", \"roles\": [\""
                                + MLWORKLOAD + "\"]}"), "settings[0].adopt", "ownership"),
                rejected("a request that adopts an association",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\", \"adopt\": true")), "settings[0].adopt", "ownership"),
                refused("removing an association created by hand",
                        ticket(eks(ACCOUNT), "remove", pod("apps", "api", "\"confirm\": \"apps/api\"")),
                        c -> c.association(EKS, new PodIdentityAssociation(null, "apps", "api",
                                "arn:aws:iam::" + ACCOUNT + ":role/workload/app", null, null, Map.of())),
                        "serviceAccount", "ownership"),
                refused("re-pointing an association an EKS add-on owns",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\"")),
                        role(ACCOUNT, "app", "/workload/", List.of(), trust, Map.of()).andThen(c -> c.association(EKS,
                                new PodIdentityAssociation(null, "apps", "api", "arn:aws:iam::" + ACCOUNT
                                        + ":role/addon", null, null, null, null,
                                        "arn:aws:eks:eu-west-1:" + ACCOUNT + ":addon/prod-eks/aws-ebs-csi-driver/x",
                                        MANAGED))),
                        "serviceAccount", "ownership"),
                refused("re-pointing an association created by hand",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\"")),
                        role(ACCOUNT, "app", "/workload/", List.of(), trust, Map.of()).andThen(c -> c.association(EKS,
                                new PodIdentityAssociation(null, "apps", "api", "arn:aws:iam::" + ACCOUNT
                                        + ":role/workload/other", null, null, Map.of()))),
                        "serviceAccount", "ownership"),
                refused("a role whose trust policy explicitly denies Pod Identity",
                        ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"roleArn\": \"arn:aws:iam::" + ACCOUNT
                                + ":role/workload/app\"")),
                        role(ACCOUNT, "app", "/workload/", List.of(), denying, Map.of()), "roleArn", "trust-policy-deny"))
                .map(Arguments::of);
    }

    /**
     * The baseline's role of a service account, when the baseline keeps it under a path tickets may use: a ticket's
     * role spec that IAM would resolve to it (same name after rendering, in any case, under any path) would manage it
     * against the baseline, and is refused before any call, naming the rule.
     */
    static Stream<Arguments> baselineRoles() {
        return Stream.of(
                Arguments.of("the rendered name", "prod-eks-ebs-csi", "/workload/"),
                Arguments.of("the rendered name in upper case", "PROD-EKS-EBS-CSI", "/workload/"),
                Arguments.of("the same template", "{cluster}-ebs-csi", "/workload/"),
                Arguments.of("the name under a deeper path", "prod-eks-ebs-csi", "/workload/team/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselineRoles")
    void aTicketRoleThatIsTheBaselinesRoleIsRefusedNamingTheRule(String why, String name, String path) {
        TrustBaseline trust = baselineKeepingItsRoleUnderWorkload();
        String ticket = ticket(eks(ACCOUNT), "ensure", pod("apps", "api", "\"role\": {\"name\": \"" + name
                + "\", \"path\": \"" + path + "\", \"managedPolicyArns\": [\"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\"],"
                + " \"permissionsBoundaryArn\": \"" + BOUNDARY + "\"}"));

        Report report = trust.handle(ticket, Trigger.TICKET);

        assertEquals(Status.REJECTED, report.status(), report::toJson);
        assertEquals(Calls.NONE, report.calls());
        assertTrue(cloud.writes().isEmpty());
        assertTrue(report.errors().stream().anyMatch(e -> e.field().equals("settings[0].role.name")
                && e.rule().equals("guardrail:baseline-item") && e.message().contains("rule eks")), report::toJson);
    }

    /** The fixtures' baseline, its EBS CSI role ({cluster}-ebs-csi) kept under /workload/, where tickets may create roles. */
    private TrustBaseline baselineKeepingItsRoleUnderWorkload() {
        String yaml = Fixtures.BASELINE_YAML.replace("name: \"{cluster}-ebs-csi\",", "name: \"{cluster}-ebs-csi\", path: /workload/,");
        Catalog catalog = Catalog.standard();
        return new TrustBaseline(catalog, new BaselineLoader(catalog).parse(yaml), cloud.ports(),
                new Retrier(RetryPolicy.standard(), new Fixtures.RecordingSleeper(), new SplittableRandom(1)));
    }

    @Test
    void aTicketRoleOfAnotherNameThanTheBaselinesIsNotTheBaselines() {
        TrustBaseline trust = baselineKeepingItsRoleUnderWorkload();

        Report report = trust.handle(ticket(eks(ACCOUNT), "ensure", pod("apps", "api", roleSpec("", BOUNDARY))),
                Trigger.TICKET);

        assertTrue(report.errors().isEmpty(), report::toJson);
        assertEquals(Status.APPLIED, report.status(), report::toJson);
    }

    private final FakeCloud cloud = Fixtures.readyCloud();

    @ParameterizedTest(name = "{0}")
    @MethodSource("roleIdentity")
    void aRoleIsTheRoleIamReturns(Case c) {
        assertRefused(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servedScopes")
    void writesGoOnlyToServedAccountsAndSubscriptions(Case c) {
        assertRefused(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grants")
    void ticketsGrantOnlyWhatGuardrailsAllowAndChangeOnlyWhatTrustBaselineOwns(Case c) {
        cloud.workspace(WORKSPACE, new Workspace(false, "/subscriptions/" + Fixtures.SUB
                + "/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stml", "SystemAssigned",
                "00000000-0000-0000-0000-0000000000aa"));
        cloud.binding(AKS, new TrustedAccessBinding("defender", DEFENDER_SOURCE, List.of("x/y/z"), "Succeeded"));
        cloud.binding(AKS, new TrustedAccessBinding("tb-foo", ML_SOURCE.id(), List.of("x/y/z"), "Succeeded"));
        assertRefused(c);
    }

    private void assertRefused(Case c) {
        c.world().accept(cloud);
        Report report = Fixtures.trustBaseline(cloud).handle(c.ticket(), Trigger.TICKET);

        assertTrue(cloud.writes().isEmpty(), () -> c + " wrote " + cloud.writes() + "\n" + report.toJson());
        if (c.beforeAnyCall()) {
            assertEquals(Status.REJECTED, report.status(), report::toJson);
            assertEquals(Calls.NONE, report.calls());
            List<FieldError> errors = report.errors();
            assertTrue(errors.stream().anyMatch(e -> e.field().equals(c.field()) && e.rule().equals(c.rule())),
                    () -> "no " + c.rule() + " at " + c.field() + " in " + errors);
        } else {
            ItemReport item = report.targets().get(0).items().get(0);
            assertEquals(ItemStatus.BLOCKED, item.status(), report::toJson);
            assertNotNull(item.error(), report::toJson);
            assertEquals(c.field(), item.error().field(), report::toJson);
            assertEquals(c.rule(), item.error().code(), report::toJson);
            assertEquals(0, report.calls().writes());
        }
    }
}
