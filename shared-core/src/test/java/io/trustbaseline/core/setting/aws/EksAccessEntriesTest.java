package io.trustbaseline.core.setting.aws;

import io.trustbaseline.core.baseline.Guardrails;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.port.aws.AccessEntry;
import io.trustbaseline.core.port.aws.IamRole;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.reconcile.TestContexts;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.GuardScope;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.setting.PlanAction;
import io.trustbaseline.core.setting.contract.ContractReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.trustbaseline.core.fake.Fixtures.ACCOUNT;
import static io.trustbaseline.core.fake.Fixtures.EKS;
import static io.trustbaseline.core.fake.Fixtures.EKS_READY;
import static io.trustbaseline.core.fake.Fixtures.OTHER_ACCOUNT;
import static io.trustbaseline.core.fake.Fixtures.readyCloud;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EksAccessEntriesTest {
    private static final String ADMIN_ARN = "arn:aws:iam::" + ACCOUNT + ":role/platform/cluster-admin";
    private static final String TEAM_ARN = "arn:aws:iam::" + ACCOUNT + ":role/teams/payments-dev";
    private static final String POLICIES = "arn:aws:eks::aws:cluster-access-policy/";
    private static final String CLUSTER_ADMIN = POLICIES + "AmazonEKSClusterAdminPolicy";
    private static final String ADMIN = POLICIES + "AmazonEKSAdminPolicy";
    private static final String EDIT = POLICIES + "AmazonEKSEditPolicy";
    private static final String VIEW = POLICIES + "AmazonEKSViewPolicy";
    private static final Map<String, String> MANAGED = Map.of(EksPodIdentity.MANAGED_TAG, "true");
    /** What a baseline would allow tickets: team roles under /teams/, view and edit, kube-system protected. */
    private static final Guardrails TICKETS = new Guardrails(Map.of(
            EksPodIdentity.PROTECTED_NAMESPACES.name(), List.of("kube-system"),
            EksAccessEntries.TICKET_ACCESS_PRINCIPAL_ARNS.name(), List.of("arn:aws:iam::" + ACCOUNT + ":role/teams/*"),
            EksAccessEntries.TICKET_ACCESS_POLICY_ARNS.name(), List.of(VIEW, EDIT)), Map.of());

    private final FakeCloud cloud = readyCloud();
    private final EksAccessEntries setting = new EksAccessEntries();

    private static AccessEntry.Policy cluster(String policyArn) {
        return new AccessEntry.Policy(policyArn, AccessEntry.Policy.CLUSTER, List.of());
    }

    private static AccessEntry.Policy namespaces(String policyArn, String... namespaces) {
        return new AccessEntry.Policy(policyArn, AccessEntry.Policy.NAMESPACE, List.of(namespaces));
    }

    private static EksAccessEntries.Item item(String principalArn, AccessEntry.Policy... policies) {
        return new EksAccessEntries.Item(principalArn, List.of(policies), false);
    }

    private void role(String name, String path) {
        cloud.role(ACCOUNT, new IamRole(name, path, "arn:aws:iam::" + ACCOUNT + ":role" + path + name, "{}", null,
                Map.of()), List.of());
    }

    private Plan plan(EksAccessEntries.Item item) {
        return setting.plan(item, Action.ENSURE, TestContexts.of(EKS, EKS_READY, cloud.ports()));
    }

    private Plan planRequested(EksAccessEntries.Item item) {
        return setting.plan(item, Action.ENSURE, TestContexts.of(EKS, EKS_READY, cloud.ports(), TICKETS, true));
    }

    private List<FieldError> guardTicket(EksAccessEntries.Item item) {
        Problems problems = new Problems();
        setting.guard(item, TICKETS, GuardScope.REQUEST, EKS, "settings[0]", problems);
        return problems.all();
    }

    private static List<String> rules(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + " " + e.rule()).toList();
    }

    private record Read(EksAccessEntries.Item item, List<FieldError> problems) { }

    private Read read(String json) throws Exception {
        return read(json, GuardScope.BASELINE);
    }

    private Read read(String json, GuardScope where) throws Exception {
        Problems problems = new Problems();
        Fields fields = Fields.of(Json.MAPPER.readTree(json), "settings[0]", problems);
        EksAccessEntries.Item item = setting.read(ContractReader.read(setting.contract(), fields, Action.ENSURE, where),
                Action.ENSURE);
        return new Read(item, problems.all());
    }

    // ---- plan ---------------------------------------------------------------------------------------------------

    @Test
    void aMissingEntryIsCreatedTaggedAsStandardWithItsPoliciesThenIsCompliant() {
        role("cluster-admin", "/platform/");
        Plan plan = plan(item(ADMIN_ARN, cluster(CLUSTER_ADMIN), namespaces(VIEW, "payments", "orders")));

        assertEquals(PlanAction.CREATE, plan.action());
        assertTrue(cloud.writes().isEmpty(), "planning only reads");
        plan.change().apply();

        assertEquals(List.of("eks.createAccessEntry " + ADMIN_ARN + " STANDARD",
                "eks.associateAccessPolicy " + ADMIN_ARN + " " + CLUSTER_ADMIN + " cluster[]",
                "eks.associateAccessPolicy " + ADMIN_ARN + " " + VIEW + " namespace[payments, orders]"), cloud.writes());
        assertEquals(MANAGED, cloud.accessEntry(EKS, ADMIN_ARN).orElseThrow().tags());
        assertEquals(PlanAction.NOOP, plan(item(ADMIN_ARN, cluster(CLUSTER_ADMIN),
                namespaces(VIEW, "orders", "payments"))).action(), "then compliant, whatever the namespaces' order");
    }

    @Test
    void aPolicyWithAnotherScopeIsReassociatedAndOtherPoliciesAreKept() {
        role("cluster-admin", "/platform/");
        cloud.accessEntry(EKS, new AccessEntry(ADMIN_ARN, AccessEntry.STANDARD, MANAGED),
                List.of(namespaces(VIEW, "payments"), cluster(EDIT)));

        Plan plan = plan(item(ADMIN_ARN, cluster(VIEW)));
        assertEquals(PlanAction.UPDATE, plan.action());
        plan.change().apply();

        assertEquals(List.of("eks.associateAccessPolicy " + ADMIN_ARN + " " + VIEW + " cluster[]"), cloud.writes());
        assertEquals(List.of(cluster(EDIT), cluster(VIEW)), cloud.accessPolicies(EKS, ADMIN_ARN),
                "nothing is disassociated");
    }

    @Test
    void anEntryTrustBaselineDidNotCreateIsChangedOnlyWhenTheBaselineAdoptsIt() {
        role("cluster-admin", "/platform/");
        cloud.accessEntry(EKS, new AccessEntry(ADMIN_ARN, AccessEntry.STANDARD, Map.of()), List.of());

        Plan notAdopted = plan(item(ADMIN_ARN, cluster(VIEW)));
        assertEquals(PlanAction.BLOCKED, notAdopted.action());
        assertEquals("ownership", notAdopted.refusal().rule());

        Plan adopted = plan(new EksAccessEntries.Item(ADMIN_ARN, List.of(cluster(VIEW)), true));
        assertEquals(PlanAction.UPDATE, adopted.action());
    }

    @Test
    void aRequestNeverChangesAnEntryTrustBaselineDidNotCreate() {
        role("payments-dev", "/teams/");
        cloud.accessEntry(EKS, new AccessEntry(TEAM_ARN, AccessEntry.STANDARD, Map.of()), List.of());

        Plan plan = planRequested(new EksAccessEntries.Item(TEAM_ARN, List.of(namespaces(VIEW, "payments")), true));

        assertEquals(PlanAction.BLOCKED, plan.action());
        assertEquals("ownership", plan.refusal().rule());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void anEntryThatAlreadyHoldsThePoliciesIsCompliantWhoeverCreatedIt() {
        role("cluster-admin", "/platform/");
        cloud.accessEntry(EKS, new AccessEntry(ADMIN_ARN, AccessEntry.STANDARD, Map.of()), List.of(cluster(VIEW)));

        assertEquals(PlanAction.NOOP, plan(item(ADMIN_ARN, cluster(VIEW))).action());
    }

    @Test
    void aClusterThatAuthenticatesOnlyWithTheConfigMapIsBlockedNotSwitched() {
        role("cluster-admin", "/platform/");
        cloud.authenticationMode(EKS, "CONFIG_MAP");

        Plan plan = plan(item(ADMIN_ARN, cluster(VIEW)));

        assertEquals(PlanAction.BLOCKED, plan.action());
        assertTrue(plan.message().contains("API or API_AND_CONFIG_MAP"), plan.message());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aNodeEntryTakesNoAccessPolicies() {
        role("cluster-admin", "/platform/");
        cloud.accessEntry(EKS, new AccessEntry(ADMIN_ARN, "EC2_LINUX", MANAGED), List.of());

        assertEquals(PlanAction.BLOCKED, plan(item(ADMIN_ARN, cluster(VIEW))).action());
    }

    @Test
    void thePrincipalMustBeTheRoleIamReturnsComparedWithItsPath() {
        role("cluster-admin", "/");
        Plan pathTrick = plan(item(ADMIN_ARN, cluster(VIEW)));
        assertEquals(PlanAction.BLOCKED, pathTrick.action());
        assertEquals("role-identity", pathTrick.refusal().rule());

        Plan missing = plan(item("arn:aws:iam::" + ACCOUNT + ":role/platform/nobody", cluster(VIEW)));
        assertEquals("role-exists", missing.refusal().rule());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aRoleOfAnotherAccountIsRefusedEvenFromTheBaseline() {
        Plan plan = plan(item("arn:aws:iam::" + OTHER_ACCOUNT + ":role/platform/cluster-admin", cluster(VIEW)));

        assertEquals(PlanAction.BLOCKED, plan.action());
        assertEquals("principal-account", plan.refusal().rule());
        assertEquals(0, cloud.calls("iam.getRole"));
    }

    // ---- guardrails on requests ---------------------------------------------------------------------------------

    @Test
    void aTicketWithinTheAllowListsPasses() {
        assertEquals(List.of(), guardTicket(item(TEAM_ARN, namespaces(EDIT, "payments"), namespaces(VIEW, "orders"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:iam::111122223333:role/platform/cluster-admin",  // another principal
            "arn:aws:iam::111122223333:role/payments-dev",            // the name without the allowed path
            "arn:aws:iam::111122223333:role/x/teams/payments-dev",    // the allowed path nested elsewhere
            "arn:aws:iam::111122223333:role/Teams/payments-dev",      // another case: IAM ARNs compare with case
            "arn:aws:iam::444455556666:role/teams/payments-dev",      // another account
            "arn:aws-cn:iam::111122223333:role/teams/payments-dev"})  // another partition
    void aTicketForAPrincipalOutsideTheAllowListIsRefused(String principalArn) {
        assertEquals(List.of("settings[0].principalArn guardrail:ticketAccessPrincipalArns"),
                rules(guardTicket(item(principalArn, namespaces(VIEW, "payments")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {CLUSTER_ADMIN, ADMIN,
            "arn:aws:eks::aws:cluster-access-policy/AmazonEKSviewPolicy",   // another case
            "arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"})
    void aTicketForAnAccessPolicyNotListedExactlyIsRefused(String policyArn) {
        assertEquals(List.of("settings[0].accessPolicies[0].policyArn guardrail:ticketAccessPolicyArns"),
                rules(guardTicket(item(TEAM_ARN, namespaces(policyArn, "payments")))));
    }

    @Test
    void anAdminPolicyIsGrantedByATicketOnlyWhenListedByItsOwnArn() {
        Guardrails withAdmin = new Guardrails(Map.of(
                EksAccessEntries.TICKET_ACCESS_PRINCIPAL_ARNS.name(), List.of(TEAM_ARN),
                EksAccessEntries.TICKET_ACCESS_POLICY_ARNS.name(), List.of(VIEW, ADMIN)), Map.of());
        Problems problems = new Problems();
        setting.guard(item(TEAM_ARN, namespaces(ADMIN, "payments"), namespaces(CLUSTER_ADMIN, "payments")), withAdmin,
                GuardScope.REQUEST, EKS, "s", problems);

        assertEquals(List.of("s.accessPolicies[1].policyArn guardrail:ticketAccessPolicyArns"), rules(problems.all()));
    }

    @Test
    void aTicketAsksForAClusterScopeWhileNamespacesAreProtected() {
        assertEquals(List.of("settings[0].accessPolicies[0].accessScope.type guardrail:protectedNamespaces"),
                rules(guardTicket(item(TEAM_ARN, cluster(VIEW)))));
    }

    @Test
    void aTicketScopedToAProtectedNamespaceIsRefused() {
        assertEquals(List.of("settings[0].accessPolicies[0].accessScope.namespaces[1] guardrail:protectedNamespaces"),
                rules(guardTicket(item(TEAM_ARN, namespaces(VIEW, "payments", "kube-system")))));
    }

    @Test
    void aTicketCannotAdopt() throws Exception {
        assertEquals(List.of("settings[0].adopt ownership"), rules(read("""
                {"type": "eks-access-entries", "principalArn": "%s", "adopt": true, "accessPolicies": [
                  {"policyArn": "%s", "accessScope": {"type": "namespace", "namespaces": ["payments"]}}]}
                """.formatted(TEAM_ARN, VIEW), GuardScope.REQUEST).problems()));
    }

    @Test
    void withoutGuardrailsATicketGrantsNothing() {
        Problems problems = new Problems();
        setting.guard(item(TEAM_ARN, namespaces(VIEW, "payments")), Guardrails.denyAll(), GuardScope.REQUEST, EKS,
                "s", problems);

        assertEquals(List.of("s.principalArn guardrail:ticketAccessPrincipalArns",
                "s.accessPolicies[0].policyArn guardrail:ticketAccessPolicyArns"), rules(problems.all()));
    }

    @Test
    void theBaselineIsNotHeldToTheTicketAllowLists() {
        Problems problems = new Problems();
        setting.guard(item(ADMIN_ARN, cluster(CLUSTER_ADMIN)), TICKETS, GuardScope.BASELINE, EKS, "s", problems);

        assertTrue(problems.isEmpty(), problems.all().toString());
    }

    // ---- reading --------------------------------------------------------------------------------------------------

    @Test
    void anItemIsRead() throws Exception {
        Read read = read("""
                {"type": "eks-access-entries", "principalArn": "%s", "adopt": true, "accessPolicies": [
                  {"policyArn": "%s", "accessScope": {"type": "cluster"}},
                  {"policyArn": "%s", "accessScope": {"type": "namespace", "namespaces": ["payments"]}}]}"""
                .formatted(ADMIN_ARN, CLUSTER_ADMIN, VIEW));

        assertEquals(List.of(), read.problems());
        assertEquals(new EksAccessEntries.Item(ADMIN_ARN, List.of(cluster(CLUSTER_ADMIN), namespaces(VIEW, "payments")),
                true), read.item());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a user, an assumed-role session, a policy ARN where a role is expected
            "{'principalArn': 'arn:aws:iam::111122223333:user/alice', 'accessPolicies': [{'policyArn': 'VIEW', 'accessScope': {'type': 'cluster'}}]}",
            "{'principalArn': 'arn:aws:sts::111122223333:assumed-role/admin/s', 'accessPolicies': [{'policyArn': 'VIEW', 'accessScope': {'type': 'cluster'}}]}",
            // an IAM policy is not an EKS access policy; a look-alike in a customer account neither
            "{'principalArn': 'ADMIN', 'accessPolicies': [{'policyArn': 'arn:aws:iam::aws:policy/AdministratorAccess', 'accessScope': {'type': 'cluster'}}]}",
            "{'principalArn': 'ADMIN', 'accessPolicies': [{'policyArn': 'arn:aws:eks::111122223333:cluster-access-policy/AmazonEKSViewPolicy', 'accessScope': {'type': 'cluster'}}]}",
            // scopes: namespace without namespaces, cluster with namespaces, unknown type, bad namespace, none
            "{'principalArn': 'ADMIN', 'accessPolicies': [{'policyArn': 'VIEW', 'accessScope': {'type': 'namespace'}}]}",
            "{'principalArn': 'ADMIN', 'accessPolicies': [{'policyArn': 'VIEW', 'accessScope': {'type': 'cluster', 'namespaces': ['a']}}]}",
            "{'principalArn': 'ADMIN', 'accessPolicies': [{'policyArn': 'VIEW', 'accessScope': {'type': 'Cluster'}}]}",
            "{'principalArn': 'ADMIN', 'accessPolicies': [{'policyArn': 'VIEW', 'accessScope': {'type': 'namespace', 'namespaces': ['Kube_System']}}]}",
            "{'principalArn': 'ADMIN', 'accessPolicies': [{'policyArn': 'VIEW'}]}",
            // no policies, the same policy twice, an unknown field
            "{'principalArn': 'ADMIN', 'accessPolicies': []}",
            "{'principalArn': 'ADMIN', 'accessPolicies': [{'policyArn': 'VIEW', 'accessScope': {'type': 'cluster'}}, {'policyArn': 'VIEW', 'accessScope': {'type': 'namespace', 'namespaces': ['a']}}]}",
            "{'principalArn': 'ADMIN', 'accessPolicies': [{'policyArn': 'VIEW', 'accessScope': {'type': 'cluster'}, 'username': 'root'}]}"})
    void aBadItemIsRefusedNamingTheField(String template) throws Exception {
        Read read = read(template.replace('\'', '"').replace("\"VIEW\"", "\"" + VIEW + "\"")
                .replace("\"ADMIN\"", "\"" + ADMIN_ARN + "\""));

        assertTrue(!read.problems().isEmpty() && read.problems().stream().allMatch(p -> p.field().startsWith("settings[0]")),
                read.problems().toString());
    }
}
