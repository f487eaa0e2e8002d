package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.aws.AccessEntry;
import io.trustbaseline.core.port.aws.IamRole;
import io.trustbaseline.core.port.aws.PodIdentityAssociation;
import io.trustbaseline.core.setting.aws.EksPodIdentityAgent;
import io.trustbaseline.core.target.EksClusterArn;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Primes the SnapStart snapshot. Before the checkpoint, the home region's SDK clients are built and an EKS
 * CreateCluster event (the documented sample, bundled) takes the queue function's whole path once: the SQS message
 * read, the request parsed and reconciled as a dry run (the cluster and its settings read through the SDK, a plan
 * made), the report made, logged and serialised, its outcome sent on a queue; then each EKS and IAM operation the
 * baseline's settings use is called once. All of it runs over clients of its own whose HTTP client is
 * {@link OfflineHttpClient}: requests are marshalled and signed (with placeholder credentials) and answered inside
 * the process (an ACTIVE cluster without associations; anything else "not found"). The classes this
 * loads and the code it warms are in the snapshot; no cloud is called, nothing is written, logged or notified.
 * After the restore, {@link AwsClients#afterRestore()} renews what depends on credentials.
 */
public final class SnapStartPriming implements Resource {
    static final String SAMPLE = "priming/eventbridge-eks-create-cluster.json";
    /** Signs the rehearsal's requests, which never leave the process: the function's own are not needed. */
    private static final StaticCredentialsProvider PLACEHOLDER_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAOFFLINEPRIMING00", "offline-priming"));
    private static final String ROLE = "trust-baseline-priming";

    private final AwsRuntime runtime;

    public SnapStartPriming(AwsRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Registers the priming of {@code runtime} with the CRaC global context (SnapStart calls it); the caller keeps
     * the returned object, since the context holds its resources only weakly.
     */
    static SnapStartPriming register(AwsRuntime runtime) {
        SnapStartPriming priming = new SnapStartPriming(runtime);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        runtime.clients().afterRestore();
    }

    /** The rehearsal, as before a checkpoint; returns how many SDK requests it made, every one answered offline. */
    public int prime() {
        runtime.clients().prime();
        String event = sample();
        JsonNode fields = tree(event);
        String account = fields.path("account").asText();
        String region = fields.path("region").asText();
        String queues = "https://sqs." + region + ".amazonaws.com/" + account + "/";
        AwsConfig config = runtime.config().withCredentials(PLACEHOLDER_CREDENTIALS).withOwnAccount(account)
                .withForcedDryRun(true).withResultsQueue(queues + "priming-results")
                .withWorkQueues(queues + "priming-requests", queues + "priming-dead-letters");
        OfflineHttpClient http = new OfflineHttpClient();
        AwsClients clients = new AwsClients(config, http);
        QueueResponse response = new QueueHandler(runtime.over(config, clients)).handleRequest(sqsEvent(event), QUIET);
        Json.write(response);
        EksClusterArn cluster = EksClusterArn.of(region, account, fields.path("detail").path("requestParameters")
                .path("name").asText());
        callEachOperation(new EksAdapter(clients), new IamAdapter(clients), cluster);
        return http.answered();
    }

    /** Each operation once, the writes the dry run only planned included; the answers are "not found". */
    private static void callEachOperation(EksAdapter eks, IamAdapter iam, EksClusterArn cluster) {
        String account = cluster.accountId();
        String roleArn = "arn:" + cluster.partition() + ":iam::" + account + ":role/" + ROLE;
        PodIdentityAssociation association = new PodIdentityAssociation(null, "default", ROLE, roleArn, null, null,
                null, null, null, Map.of());
        List<Supplier<?>> calls = List.of(
                () -> eks.describeAddon(cluster, EksPodIdentityAgent.ADDON_NAME),
                () -> eks.createAddon(cluster, EksPodIdentityAgent.ADDON_NAME, null),
                () -> eks.listAssociationIds(cluster, "default", ROLE),
                () -> eks.describeAssociation(cluster, "a-priming"),
                () -> eks.createAssociation(cluster, association),
                () -> eks.describeAccessEntry(cluster, roleArn),
                () -> eks.createAccessEntry(cluster, new AccessEntry(roleArn, AccessEntry.STANDARD, Map.of())),
                () -> eks.listAssociatedAccessPolicies(cluster, roleArn),
                () -> {
                    eks.associateAccessPolicy(cluster, roleArn, new AccessEntry.Policy("arn:" + cluster.partition()
                            + ":eks::aws:cluster-access-policy/AmazonEKSViewPolicy", AccessEntry.Policy.CLUSTER, List.of()));
                    return null;
                },
                () -> iam.getRole(account, ROLE),
                () -> iam.createRole(account, new IamRole(ROLE, "/", null, "{}", null, Map.of())),
                () -> iam.listAttachedPolicyArns(account, ROLE),
                () -> {
                    iam.attachRolePolicy(account, ROLE, "arn:" + cluster.partition() + ":iam::aws:policy/ReadOnlyAccess");
                    return null;
                });
        for (Supplier<?> call : calls) {
            try {
                call.get();
            } catch (CloudException expected) {
                // every answer is "not found": what is primed is the way there and back
            }
        }
    }

    /** The sample as the EventBridge rule delivers it: the body of one SQS message. */
    private static SQSEvent sqsEvent(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("priming");
        message.setBody(body);
        message.setEventSource("aws:sqs");
        message.setAttributes(Map.of("ApproximateReceiveCount", "1",
                "SentTimestamp", String.valueOf(System.currentTimeMillis())));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private static String sample() {
        try (InputStream in = SnapStartPriming.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the priming sample " + SAMPLE + " is not in the package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Lambda context whose log goes nowhere: the rehearsal's reports must not reach the function's log or metrics. */
    private static final com.amazonaws.services.lambda.runtime.Context QUIET = new com.amazonaws.services.lambda.runtime.Context() {
        private final LambdaLogger discard = new LambdaLogger() {
            @Override
            public void log(String message) { }

            @Override
            public void log(byte[] message) { }
        };

        @Override public String getAwsRequestId() { return "priming"; }
        @Override public String getLogGroupName() { return null; }
        @Override public String getLogStreamName() { return null; }
        @Override public String getFunctionName() { return "priming"; }
        @Override public String getFunctionVersion() { return null; }
        @Override public String getInvokedFunctionArn() { return null; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return Integer.MAX_VALUE; }
        @Override public int getMemoryLimitInMB() { return 0; }
        @Override public LambdaLogger getLogger() { return discard; }
    };
}
