package io.trustbaseline.core.port.aws;

import java.util.List;
import java.util.Map;

/**
 * An EKS access entry of one IAM principal (the model's {@code AccessEntry}: principalArn, type, tags), and the access
 * policies associated with it ({@code AssociatedAccessPolicy}: policyArn and accessScope).
 */
public record AccessEntry(String principalArn, String type, Map<String, String> tags) {
    /** The only entry type access policies can be associated with (the model: not EC2_LINUX, EC2_WINDOWS). */
    public static final String STANDARD = "STANDARD";

    public AccessEntry {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Whether trust-baseline created it (its tag). */
    public boolean managedBy(String tag) {
        return "true".equals(tags.get(tag));
    }

    /**
     * An access policy and its scope: {@code scopeType} {@code cluster} (no namespaces) or {@code namespace} (the
     * namespaces it is limited to).
     */
    public record Policy(String policyArn, String scopeType, List<String> namespaces) {
        public static final String CLUSTER = "cluster";
        public static final String NAMESPACE = "namespace";

        public Policy {
            namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        }

        /** Same policy and scope; namespaces compare as a set (EKS does not promise their order). */
        public boolean sameAs(Policy other) {
            return policyArn.equals(other.policyArn) && scopeType.equals(other.scopeType)
                    && java.util.Set.copyOf(namespaces).equals(java.util.Set.copyOf(other.namespaces));
        }
    }
}
