package io.trustbaseline.core.target;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cloud says of a target now: its provisioning state, whether that state accepts changes
 * ({@code Succeeded}, {@code ACTIVE}), its location and tags (baseline rules match on tags), and the views of it the
 * settings plan from ({@code RegistryNetwork}, {@code StorageNetworkAcls}, {@code Workspace}), when the same read
 * carried them: a setting then plans with no read of its own.
 */
public record TargetState(String state, boolean ready, String location, Map<String, String> tags, List<Object> views) {
    public TargetState {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        views = views == null ? List.of() : List.copyOf(views);
    }

    /** A state whose read carried no view a setting plans from. */
    public TargetState(String state, boolean ready, String location, Map<String, String> tags) {
        this(state, ready, location, tags, List.of());
    }

    /** The view of type {@code type}, when the read carried it. */
    public <T> Optional<T> view(Class<T> type) {
        return views.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
