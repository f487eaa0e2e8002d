package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.RequestIds;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.target.EksClusterArn;

import java.util.regex.Pattern;

/**
 * Reads the EventBridge event of an EKS CreateCluster call recorded by CloudTrail: source {@code aws.eks},
 * detail-type {@code AWS API Call via CloudTrail}, {@code detail.eventName} CreateCluster. The cluster name is
 * {@code requestParameters.name}, or {@code clusterName} in older records, else {@code responseElements.cluster.name};
 * the region is {@code detail.awsRegion}, the account {@code detail.recipientAccountId} or the envelope's
 * {@code account}. A record with an {@code errorCode} is a call that failed: no cluster was created.
 */
public final class CloudTrailEvents {
    public static final String SOURCE = "aws.eks";
    public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    public static final String EVENT_NAME = "CreateCluster";

    /** What a CreateCluster event says happened. */
    public sealed interface CreateCluster permits ClusterCreated, CreateFailed {
        String eventId();

        String requestedBy();
    }

    /** A cluster was (being) created: reconcile it once it is ACTIVE. */
    public record ClusterCreated(String eventId, String requestedBy, EksClusterArn cluster) implements CreateCluster { }

    /** The call failed ({@code errorCode}): there is no cluster. {@code cluster} is its ARN or name, as far as known. */
    public record CreateFailed(String eventId, String requestedBy, String cluster, String errorCode) implements CreateCluster { }

    private CloudTrailEvents() { }

    /** Whether a message is an EventBridge event (rather than a request document): it has the envelope's fields. */
    public static boolean isEventBridgeEvent(JsonNode message) {
        return message != null && message.isObject() && message.has("detail-type") && message.has("source");
    }

    /** Reads the event; throws {@link InvalidInputException} naming each field that breaks a rule. */
    public static CreateCluster read(JsonNode event) {
        Problems problems = new Problems();
        expect(event, "source", SOURCE, problems);
        expect(event, "detail-type", DETAIL_TYPE, problems);
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            problems.add("detail", "required", "must be the CloudTrail record (an object)");
        }
        expect(detail, "eventName", EVENT_NAME, "detail.", problems);
        String eventId = text(event, "id");
        if (!RequestIds.isValid(eventId)) {
            eventId = text(detail, "eventID");
        }
        if (!RequestIds.isValid(eventId)) {
            problems.add("id", "pattern", "the event id (or detail.eventID) must be " + RequestIds.RULE);
        }
        problems.throwIfAny("event");

        String requestedBy = text(detail.path("userIdentity"), "arn");
        requestedBy = requestedBy == null ? SOURCE : requestedBy;
        String name = first(text(detail.path("requestParameters"), "name"),
                text(detail.path("requestParameters"), "clusterName"),
                text(detail.path("responseElements").path("cluster"), "name"));
        String region = text(detail, "awsRegion");
        String account = first(text(detail, "recipientAccountId"), text(event, "account"));
        String errorCode = text(detail, "errorCode");
        if (errorCode != null) {
            String cluster = name == null ? "unknown" : valid(region, account, name)
                    ? EksClusterArn.of(region, account, name).id() : name;
            return new CreateFailed(eventId, requestedBy, cluster, errorCode);
        }
        check(name, EksClusterArn.CLUSTER_NAME, "detail.requestParameters.name", "the cluster name (requestParameters.name,"
                + " requestParameters.clusterName or responseElements.cluster.name) must be 1-100 letters, digits, '-' or '_',"
                + " starting with a letter or digit", problems);
        check(region, EksClusterArn.REGION, "detail.awsRegion", "must be an AWS region such as eu-west-1", problems);
        check(account, EksClusterArn.ACCOUNT, "detail.recipientAccountId", "the account (detail.recipientAccountId or"
                + " account) must be 12 digits", problems);
        problems.throwIfAny("event");
        return new ClusterCreated(eventId, requestedBy, EksClusterArn.of(region, account, name));
    }

    private static boolean valid(String region, String account, String name) {
        return region != null && account != null && EksClusterArn.REGION.matcher(region).matches()
                && EksClusterArn.ACCOUNT.matcher(account).matches() && EksClusterArn.CLUSTER_NAME.matcher(name).matches();
    }

    private static void expect(JsonNode node, String field, String wanted, Problems problems) {
        expect(node, field, wanted, "", problems);
    }

    private static void expect(JsonNode node, String field, String wanted, String prefix, Problems problems) {
        String value = text(node, field);
        if (!wanted.equals(value)) {
            problems.add(prefix + field, "enum", "must be \"" + wanted + "\" (was " + (value == null ? "missing" : "\"" + value + "\"")
                    + "): only EKS CreateCluster calls recorded by CloudTrail are handled");
        }
    }

    private static void check(String value, Pattern pattern, String field, String rule, Problems problems) {
        if (value == null) {
            problems.add(field, "required", rule);
        } else if (!pattern.matcher(value).matches()) {
            problems.add(field, "pattern", rule + " (was \"" + value + "\")");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
