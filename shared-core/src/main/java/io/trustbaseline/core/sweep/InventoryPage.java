package io.trustbaseline.core.sweep;

import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One listing response: its targets, the token of the next page (empty on the last), and, by target id, the state
 * the listing returned of those whose list item carries what their settings plan from (see
 * {@link io.trustbaseline.core.delivery.ListedState}).
 */
public record InventoryPage(List<Target> targets, Optional<String> next, Map<String, TargetState> listed) {
    public InventoryPage {
        targets = List.copyOf(targets);
        listed = Map.copyOf(listed);
    }

    /** A page whose items carry no state worth carrying (AWS's ListClusters: names only). */
    public InventoryPage(List<Target> targets, Optional<String> next) {
        this(targets, next, Map.of());
    }

    public static InventoryPage last(List<? extends Target> targets) {
        return new InventoryPage(List.copyOf(targets), Optional.empty());
    }

    /** What the listing said of {@code target}, when it said enough. */
    public Optional<TargetState> listed(Target target) {
        return Optional.ofNullable(listed.get(target.id()));
    }
}
