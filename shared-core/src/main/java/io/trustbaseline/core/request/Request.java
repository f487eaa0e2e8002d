package io.trustbaseline.core.request;

import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.target.Target;

import java.util.List;
import java.util.Optional;

/**
 * What every trigger becomes. {@code settings} empty means "the baseline's settings for this target";
 * {@code explicitSettings} tells that apart from an explicit empty list, which the parser refuses.
 */
public record Request(String requestId, String requestedBy, Trigger trigger, Action action, boolean dryRun,
                      Target target, Optional<List<SettingItem>> explicitSettings) {

    public Request {
        explicitSettings = explicitSettings.map(List::copyOf);
    }

    /** A request to bring {@code target} to the baseline, as events and sweeps make. */
    public static Request baseline(String requestId, String requestedBy, Trigger trigger, Target target, boolean dryRun) {
        return new Request(requestId, requestedBy, trigger, Action.ENSURE, dryRun, target, Optional.empty());
    }

    public Request withDryRun(boolean dryRun) {
        return new Request(requestId, requestedBy, trigger, action, dryRun, target, explicitSettings);
    }
}
