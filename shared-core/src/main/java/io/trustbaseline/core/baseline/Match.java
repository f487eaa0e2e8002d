package io.trustbaseline.core.baseline;

import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.Target;

import java.util.List;
import java.util.Map;

/**
 * Which targets a rule applies to. Every field is optional (absent matches anything) and takes globs:
 * {@code scopes} are subscriptions or accounts, {@code groups} resource groups or regions, {@code tags} must all
 * be present with a matching value.
 */
public record Match(Cloud cloud, String resourceType, List<String> scopes, List<String> groups, List<String> names,
                    Map<String, String> tags) {

    public Match {
        scopes = List.copyOf(scopes);
        groups = List.copyOf(groups);
        names = List.copyOf(names);
        tags = Map.copyOf(tags);
    }

    public boolean matches(Target target, Map<String, String> targetTags) {
        return matchesIgnoringTags(target)
                && tags.entrySet().stream().allMatch(t ->
                        targetTags.containsKey(t.getKey()) && Glob.matches(t.getValue(), targetTags.get(t.getKey()), false));
    }

    /** Whether the rule applies to the target as far as can be told without reading its tags (before any call). */
    public boolean matchesIgnoringTags(Target target) {
        boolean azure = target.cloud() == Cloud.AZURE;
        return (cloud == null || cloud == target.cloud())
                && (resourceType == null || Glob.matches(resourceType, target.resourceType(), azure))
                && (scopes.isEmpty() || Glob.anyMatches(scopes, target.scope(), azure))
                && (groups.isEmpty() || Glob.anyMatches(groups, target.group(), azure))
                && (names.isEmpty() || Glob.anyMatches(names, target.name(), azure));
    }
}
