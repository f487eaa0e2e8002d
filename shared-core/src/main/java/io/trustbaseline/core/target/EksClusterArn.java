package io.trustbaseline.core.target;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An EKS cluster by ARN: {@code arn:aws:eks:<region>:<account>:cluster/<name>}. */
public record EksClusterArn(String partition, String region, String accountId, String name) implements Target {

    public static final String RESOURCE_TYPE = "eks-cluster";
    public static final Pattern CLUSTER_NAME = TargetType.EKS_CLUSTER.nameRule().pattern();
    public static final Pattern ACCOUNT = Pattern.compile("^\\d{12}$");
    public static final Pattern REGION = Pattern.compile("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}$");
    private static final Pattern ARN = Pattern.compile("^arn:(aws|aws-cn|aws-us-gov):eks:([^:]+):([^:]+):cluster/(.+)$");

    public static Optional<EksClusterArn> tryParse(String text, StringBuilder why) {
        Matcher m = text == null ? null : ARN.matcher(text);
        if (m == null || !m.matches()) {
            why.append("must look like arn:aws:eks:<region>:<12-digit account>:cluster/<name>");
            return Optional.empty();
        }
        if (REGION.matcher(m.group(2)).matches() && !m.group(1).equals(partitionOf(m.group(2)))) {
            why.append("the partition ").append(m.group(1)).append(" does not hold the region ").append(m.group(2))
                    .append(" (its partition is ").append(partitionOf(m.group(2))).append(")");
            return Optional.empty();
        }
        return tryOf(m.group(1), m.group(2), m.group(3), m.group(4), why);
    }

    /** A cluster by account, region and name, checked against EKS's rules. */
    public static Optional<EksClusterArn> tryOf(String partition, String region, String accountId, String name,
                                                StringBuilder why) {
        if (!REGION.matcher(region).matches()) {
            why.append("the region must look like eu-west-1");
        } else if (!ACCOUNT.matcher(accountId).matches()) {
            why.append("the account id must be 12 digits");
        } else if (!CLUSTER_NAME.matcher(name).matches()) {
            why.append("the cluster name must be 1-100 letters, digits, '-' or '_', starting with a letter or digit");
        } else {
            return Optional.of(new EksClusterArn(partition, region, accountId, name));
        }
        return Optional.empty();
    }

    public static EksClusterArn parse(String text) {
        StringBuilder why = new StringBuilder();
        return tryParse(text, why).orElseThrow(() -> new IllegalArgumentException("not an EKS cluster ARN (" + why + "): " + text));
    }

    public static EksClusterArn of(String region, String accountId, String name) {
        return new EksClusterArn(partitionOf(region), region, accountId, name);
    }

    /** The partition a region belongs to. */
    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) return "aws-cn";
        if (region.startsWith("us-gov-")) return "aws-us-gov";
        return "aws";
    }

    @Override
    public Cloud cloud() { return Cloud.AWS; }

    @Override
    public String id() { return "arn:" + partition + ":eks:" + region + ":" + accountId + ":cluster/" + name; }

    @Override
    public String resourceType() { return RESOURCE_TYPE; }

    @Override
    public String scope() { return accountId; }

    @Override
    public String group() { return region; }

    @Override
    public String toString() { return id(); }
}
