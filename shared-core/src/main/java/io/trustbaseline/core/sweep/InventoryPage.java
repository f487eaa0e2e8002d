package io.trustbaseline.core.sweep;

import io.trustbaseline.core.target.Target;

import java.util.List;
import java.util.Optional;

/** One listing response: its targets and the token of the next page, empty on the last. */
public record InventoryPage(List<Target> targets, Optional<String> next) {
    public InventoryPage {
        targets = List.copyOf(targets);
    }

    public static InventoryPage last(List<? extends Target> targets) {
        return new InventoryPage(List.copyOf(targets), Optional.empty());
    }
}
