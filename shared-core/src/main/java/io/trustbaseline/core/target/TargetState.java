package io.trustbaseline.core.target;

import java.util.Map;

/**
 * What the cloud says of a target now: its provisioning state, whether that state accepts changes
 * ({@code Succeeded}, {@code ACTIVE}), its location and tags (baseline rules match on tags).
 */
public record TargetState(String state, boolean ready, String location, Map<String, String> tags) {
    public TargetState {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
