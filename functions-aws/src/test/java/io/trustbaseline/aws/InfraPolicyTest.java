package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.localcloud.World;
import io.trustbaseline.localcloud.aws.AwsServices;
import io.trustbaseline.localcloud.aws.IamPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The function policy (infra/aws/permissions.json, which template.yaml includes) grants exactly what the adapters call:
 * a scenario that exercises every adapter method runs against the local cloud, which enforces the policy, and the EKS,
 * IAM and STS APIs it called are compared with the actions the policy allows, both ways.
 */
class InfraPolicyTest {
    static final Path TEMPLATE = Path.of("..", "infra", "aws", "template.yaml");
    static final Path PERMISSIONS = TEMPLATE.resolveSibling("permissions.json");
    /** The template's default BaselineParameterName. */
    static final String BASELINE_PARAMETER = "/trust-baseline/baseline";
    static final String SPOKE = "444455556666";
    static final String BOUNDARY = "arn:aws:iam::aws:policy/PowerUserAccess";
    /**
     * Permissions IAM checks that are not API calls of their own: tagging a role on CreateRole needs iam:TagRole;
     * binding a role in a Pod Identity association needs iam:PassRole, and tagging it (or an access entry) on create
     * eks:TagResource.
     */
    static final Map<String, String> IMPLIED = Map.of(
            "iam:TagRole", "iam:CreateRole",
            "iam:PassRole", "eks:CreatePodIdentityAssociation",
            "eks:TagResource", "eks:CreatePodIdentityAssociation");
    /** Needs no permission at all (and is only asked when the account is not configured). */
    static final Set<String> UNGATED = Set.of("sts:GetCallerIdentity");

    LocalAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private static Set<String> grantedActions() throws IOException {
        JsonNode policy = Json.MAPPER.readTree(PERMISSIONS.toFile());
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertEquals("Allow", statement.path("Effect").asText());
            JsonNode action = statement.path("Action");
            if (action.isTextual()) {
                actions.add(action.asText());
            } else {
                action.forEach(a -> actions.add(a.asText()));
            }
        }
        return actions;
    }

    /** A world where every adapter method has something to do. */
    private static World scenarioWorld() {
        World world = World.load(LocalAws.SAMPLES.resolve("world.json"));
        world.locked(root -> {
            ObjectNode account = (ObjectNode) root.path("aws").path("accounts").path(LocalAws.ACCOUNT);
            ObjectNode clusters = (ObjectNode) account.path("regions").path("eu-west-1").path("clusters");
            // eks-dev authenticates with the API and has no access entry yet: the admin role's is created there.
            clusters.putObject("eks-dev").put("status", "ACTIVE").putObject("accessConfig").put("authenticationMode", "API");
            // eks-prod's role exists, managed, but lacks its policy and boundary.
            ObjectNode roles = (ObjectNode) account.path("iam").path("roles");
            roles.putObject("eks-prod-ebs-csi").put("path", "/").set("assumeRolePolicyDocument", LocalAws.json(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                            + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}"));
            roles.with("eks-prod-ebs-csi").putObject("tags").put("trust-baseline:managed", "true");
            // payments-api trusts EC2 only; its association points at another role.
            roles.with("payments-api").set("assumeRolePolicyDocument", LocalAws.json(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
            roles.putObject("payments-old").put("path", "/workload/");
            ((ObjectNode) clusters.path("eks-prod")).withArray("podIdentityAssociations").addObject()
                    .put("associationId", "a-0000000000000old1").put("namespace", "payments")
                    .put("serviceAccount", "payments-api").put("roleArn", "arn:aws:iam::111122223333:role/workload/payments-old")
                    // created by trust-baseline for an earlier ticket: a request re-points only its own associations
                    .putObject("tags").put("trust-baseline:managed", "true");
            ((ObjectNode) account.path("regions").path("eu-west-1")).putObject("ssmParameters").putObject(BASELINE_PARAMETER)
                    .put("value", LocalAws.sample("baseline.yaml"));
            ObjectNode spoke = ((ObjectNode) root.path("aws").path("accounts")).putObject(SPOKE);
            spoke.putObject("iam").putObject("roles").putObject("trust-baseline-sweep").put("path", "/");
            return null;
        });
        return world;
    }

    /** The function policy in the template is the one file the local cloud enforces, included as SAM packages it. */
    @Test
    void theTemplateIncludesThePermissionsFile() throws IOException {
        // Jackson's YAML reader keeps the values of SAM's short-form tags (!Ref, !Sub, !GetAtt) and drops the tags.
        JsonNode include = new YAMLMapper().readTree(TEMPLATE.toFile())
                .at("/Resources/TrustBaselinePolicy/Properties/PolicyDocument/Fn::Transform");
        assertEquals("AWS::Include", include.path("Name").asText());
        assertEquals("permissions.json", include.at("/Parameters/Location").asText());
    }

    /** Runs the scenario on a local cloud whose callers hold {@code policy}; the handlers' reports, as JSON text. */
    static List<String> runScenario(IamPolicy policy) {
        try (LocalAws local = scenario(policy)) {
            return runScenario(local);
        }
    }

    private static LocalAws scenario(IamPolicy policy) {
        String baseline = LocalAws.sample("baseline.yaml").replace(
                "            - arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
                "            - arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy\n"
                        + "          permissionsBoundaryArn: " + BOUNDARY);
        return LocalAws.start(scenarioWorld(), c -> c.withSweep(List.of("eu-west-1"), List.of(SPOKE), "trust-baseline-sweep"),
                LocalAws.baseline(baseline), AwsServices.all(policy));
    }

    private static List<String> runScenario(LocalAws local) {
        List<String> reports = new ArrayList<>();
        // A function's start: the baseline read from Parameter Store, under the template's default parameter name. A
        // start that fails says why in its error (the platform logs it), which stands for a report here.
        try {
            AwsRuntime.fromSettings(local.runtime.config(), Map.of(BaselineParameter.SETTING, BASELINE_PARAMETER));
        } catch (IllegalStateException startFailed) {
            reports.add(startFailed.getMessage());
        }
        reports.add(Json.MAPPER.valueToTree(new SweepHandler(local.runtime).handleRequest(null, null)).toString());
        // The sweep enqueues; its work is done by the queue workers, whose reports reach the results queue.
        new io.trustbaseline.aws.local.QueueWorkers(local.runtime.clients().sqs(), local.sqs.queueUrl(LocalAws.REQUESTS),
                new QueueHandler(local.runtime), () -> null).drain(2);
        reports.add(Json.MAPPER.valueToTree(new QueueHandler(local.runtime)
                .handleRequest(LocalAws.sqsEventFile("aws/sqs-ticket.json"), null)).toString());
        String remove = """
                {"schemaVersion": 1, "requestId": "CHG-REMOVE", "requestedBy": "payments-team@example.com", "action": "remove",
                 "target": {"eksClusterArn": "arn:aws:eks:eu-west-1:111122223333:cluster/eks-prod"},
                 "settings": [{"type": "eks-pod-identity", "namespace": "payments", "serviceAccount": "payments-api",
                               "confirm": "payments/payments-api"}]}""";
        reports.add(Json.MAPPER.valueToTree(new QueueHandler(local.runtime).handleRequest(LocalAws.sqsEvent(remove), null)).toString());
        local.results().forEach(r -> reports.add(r.toString()));
        return reports;
    }

    private void runScenario() {
        aws = scenario(IamPolicy.deployment());
        runScenario(aws);
        assertTrue(aws.calls().calls().stream().noneMatch(c -> c.status() == 403), () -> "refused: " + aws.calls().calls());
    }

    private Set<String> calledActions() {
        return aws.calls().calls().stream().filter(c -> c.status() < 400).map(c -> c.api())
                .filter(api -> api.startsWith("eks:") || api.startsWith("iam:") || api.startsWith("sts:") || api.startsWith("ssm:"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyApiTheAdaptersCallIsGrantedAndEveryGrantedActionIsUsed() throws IOException {
        runScenario();
        Set<String> called = calledActions();
        Set<String> granted = grantedActions();

        Set<String> calledButNotGranted = new TreeSet<>(called);
        calledButNotGranted.removeAll(granted);
        calledButNotGranted.removeAll(UNGATED);
        assertEquals(Set.of(), calledButNotGranted, "called " + called);

        Set<String> grantedButUnused = new TreeSet<>(granted);
        grantedButUnused.removeAll(called);
        grantedButUnused.removeIf(action -> called.contains(IMPLIED.get(action)));
        assertEquals(Set.of(), grantedButUnused, "called " + called);
    }

    @Test
    void theScenarioReachesEveryOperationOfTheAdapters() {
        runScenario();

        assertEquals(new TreeSet<>(List.of("eks:AssociateAccessPolicy", "eks:CreateAccessEntry", "eks:CreateAddon",
                "eks:CreatePodIdentityAssociation", "eks:DeletePodIdentityAssociation", "eks:DescribeAccessEntry",
                "eks:DescribeAddon", "eks:DescribeCluster", "eks:DescribePodIdentityAssociation",
                "eks:ListAssociatedAccessPolicies", "eks:ListClusters", "eks:ListPodIdentityAssociations",
                "eks:UpdatePodIdentityAssociation", "iam:AttachRolePolicy", "iam:CreateRole", "iam:GetRole",
                "iam:ListAttachedRolePolicies", "iam:PutRolePermissionsBoundary", "iam:UpdateAssumeRolePolicy",
                "ssm:GetParameter", "sts:AssumeRole")), calledActions());
    }
}
