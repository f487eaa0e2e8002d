package io.trustbaseline.core.setting;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What an item needs: nothing, a create, an update, a removal; or it cannot be done (blocked) or not yet (deferred). */
public enum PlanAction {
    NOOP, CREATE, UPDATE, REMOVE, BLOCKED, DEFERRED;

    @JsonValue
    public String id() { return name().toLowerCase(Locale.ROOT); }
}
