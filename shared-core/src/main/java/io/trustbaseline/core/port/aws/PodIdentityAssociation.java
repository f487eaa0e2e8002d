package io.trustbaseline.core.port.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.trustbaseline.core.json.Json;

import java.util.Map;
import java.util.Objects;

/**
 * An EKS Pod Identity association; {@code associationId} is null for one not created yet. {@code policy} is the
 * session policy (only with session tags disabled), {@code externalId} what EKS generates for a target role's trust
 * policy, {@code ownerArn} the EKS add-on that owns the association, if one does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodIdentityAssociation(String associationId, String namespace, String serviceAccount, String roleArn,
                                     String targetRoleArn, Boolean disableSessionTags, String policy,
                                     String externalId, String ownerArn, Map<String, String> tags) {
    public PodIdentityAssociation {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** An association without session policy, external id or owner. */
    public PodIdentityAssociation(String associationId, String namespace, String serviceAccount, String roleArn,
                                  String targetRoleArn, Boolean disableSessionTags, Map<String, String> tags) {
        this(associationId, namespace, serviceAccount, roleArn, targetRoleArn, disableSessionTags, null, null, null, tags);
    }

    /** Whether role, target role, session tags and session policy are what {@code desired} asks for. */
    public boolean sameBindingAs(PodIdentityAssociation desired) {
        return Objects.equals(roleArn, desired.roleArn)
                && Objects.equals(targetRoleArn, desired.targetRoleArn)
                && Boolean.TRUE.equals(disableSessionTags) == Boolean.TRUE.equals(desired.disableSessionTags)
                && samePolicy(policy, desired.policy);
    }

    /**
     * Two session policies are the same document whatever their whitespace or key order: EKS keeps the text it was
     * sent, and a policy read back must not count as drift for being spelt differently.
     */
    static boolean samePolicy(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        try {
            return Json.MAPPER.readTree(a).equals(Json.MAPPER.readTree(b));
        } catch (JsonProcessingException e) {
            return a.equals(b);
        }
    }

    public PodIdentityAssociation withId(String id) {
        return new PodIdentityAssociation(id, namespace, serviceAccount, roleArn, targetRoleArn, disableSessionTags,
                policy, externalId, ownerArn, tags);
    }

    /** Whether trust-baseline created it (its tag): only those may a request change or remove. */
    public boolean managedBy(String tag) {
        return "true".equals(tags.get(tag));
    }
}
