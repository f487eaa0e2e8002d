package io.trustbaseline.core.reconcile;

/**
 * Names a view of a resource other than the target that a setting reads and writes while it reconciles the target (an
 * IAM role, a Pod Identity association): what the view is ({@code kind}) and of which resource ({@code key}, as the
 * cloud tells its resources apart). {@code T} is the view's type, the same for every view of one kind, so views are
 * best named by one factory per kind. {@link CloudContext} holds them for the work item, as it holds the target's.
 */
public record HeldView<T>(String kind, String key) { }
