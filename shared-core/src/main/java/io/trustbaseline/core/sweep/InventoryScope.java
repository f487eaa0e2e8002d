package io.trustbaseline.core.sweep;

import java.util.Objects;

/**
 * One listing a sweep makes: {@code id} is what a report names when the listing fails (such as
 * {@code arn:aws:eks:eu-west-1:111122223333:cluster/*} or {@code /subscriptions/<id>/providers/<type>}); the
 * adapter reads its own coordinates back from {@code account}, {@code region} and {@code resourceType}.
 */
public record InventoryScope(String id, String account, String region, String resourceType) {
    public InventoryScope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
    }
}
