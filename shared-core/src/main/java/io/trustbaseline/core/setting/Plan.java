package io.trustbaseline.core.setting;

import io.trustbaseline.core.problem.FieldError;

/**
 * A setting's decision for one item, made from what it read: the action, why, the state before, the state it
 * wants after, and the change that gets there (run by the reconciler unless the request is a dry run).
 */
public record Plan(PlanAction action, String message, Object before, Object after, Change change, FieldError refusal) {

    /** The writes of one plan; each cloud call goes through {@code CloudContext.write}. */
    @FunctionalInterface
    public interface Change {
        void apply();
    }

    public static Plan noop(String message, Object current) {
        return new Plan(PlanAction.NOOP, message, current, current, null, null);
    }

    public static Plan create(String message, Object before, Object after, Change change) {
        return new Plan(PlanAction.CREATE, message, before, after, change, null);
    }

    public static Plan update(String message, Object before, Object after, Change change) {
        return new Plan(PlanAction.UPDATE, message, before, after, change, null);
    }

    public static Plan remove(String message, Object before, Change change) {
        return new Plan(PlanAction.REMOVE, message, before, null, change, null);
    }

    public static Plan blocked(String message, Object current) {
        return new Plan(PlanAction.BLOCKED, message, current, current, null, null);
    }

    /**
     * Blocked because what the cloud holds makes the item break a rule (a role ARN that is not the role IAM
     * resolves, a binding trust-baseline does not own): the report names the item's field and the rule.
     */
    public static Plan refused(String field, String rule, String message, Object current) {
        return new Plan(PlanAction.BLOCKED, message, current, current, null, new FieldError(field, rule, message));
    }

    public static Plan deferred(String message, Object current) {
        return new Plan(PlanAction.DEFERRED, message, current, current, null, null);
    }
}
