package io.trustbaseline.localcloud;

import java.util.List;
import java.util.Map;

/**
 * One authorization question a call asks of the caller's permissions: may it perform {@code action} on
 * {@code resource}, given the request's condition keys ({@code context}, such as {@code iam:PassedToService} or ARM's
 * {@code Microsoft.Authorization/roleAssignments:RoleDefinitionId}; a key can carry several values, as
 * {@code aws:TagKeys} does)? A call can ask several: CreatePodIdentityAssociation asks for the association and for
 * passing its role.
 */
public record Access(String action, String resource, Map<String, List<String>> context) {

    public Access {
        context = Map.copyOf(context);
    }

    public static Access of(String action, String resource) {
        return new Access(action, resource, Map.of());
    }

    /** A copy with one more condition key. */
    public Access with(String key, List<String> values) {
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>(context);
        copy.put(key, List.copyOf(values));
        return new Access(action, resource, copy);
    }
}
