package io.trustbaseline.core.setting;

import io.trustbaseline.core.baseline.Guardrails;
import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.reconcile.CloudContext;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.target.Target;

import java.util.Set;

/**
 * One catalog setting: it reads its items' parameters, checks them against the guardrails, and plans itself from
 * what it observes through the ports. Adding a setting means writing one of these and registering it in
 * {@link Catalog#standard()}.
 */
public interface Setting<I extends SettingItem> {

    /** The catalog id used as {@code type} in requests, the baseline and reports. */
    String type();

    Class<I> itemType();

    /** The target resource types this setting applies to ({@link Target#resourceType()} values). */
    Set<String> resourceTypes();

    /** Whether this setting applies to targets of {@code resourceType} (compared without case, as ARM does). */
    default boolean appliesTo(String resourceType) {
        return resourceTypes().stream().anyMatch(t -> t.equalsIgnoreCase(resourceType));
    }

    /** Whether {@code action: remove} is supported for this setting. */
    default boolean removable() { return false; }

    /**
     * Reads an item's parameters (everything but {@code type} and {@code confirm}), recording every problem in
     * {@code fields.problems()}; returns null when the item is unusable.
     */
    I read(Fields fields, Action action);

    /**
     * Records the guardrails {@code item} breaks. {@code target} is null when a baseline is checked at load.
     */
    default void guard(I item, Guardrails guardrails, GuardScope scope, Target target, String at, Problems problems) {
    }

    /** Observes (reads only) and decides what {@code item} needs on the context's target. */
    Plan plan(I item, Action action, CloudContext cloud);
}
