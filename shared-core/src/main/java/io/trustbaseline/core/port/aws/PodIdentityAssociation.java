package io.trustbaseline.core.port.aws;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.Objects;

/** An EKS Pod Identity association; {@code associationId} is null for one not created yet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodIdentityAssociation(String associationId, String namespace, String serviceAccount, String roleArn,
                                     String targetRoleArn, Boolean disableSessionTags, Map<String, String> tags) {
    public PodIdentityAssociation {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Whether role, target role and session tags are what {@code desired} asks for. */
    public boolean sameBindingAs(PodIdentityAssociation desired) {
        return Objects.equals(roleArn, desired.roleArn)
                && Objects.equals(targetRoleArn, desired.targetRoleArn)
                && Boolean.TRUE.equals(disableSessionTags) == Boolean.TRUE.equals(desired.disableSessionTags);
    }

    public PodIdentityAssociation withId(String id) {
        return new PodIdentityAssociation(id, namespace, serviceAccount, roleArn, targetRoleArn, disableSessionTags, tags);
    }
}
