package io.trustbaseline.core.baseline;

import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.target.Target;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * An accepted exception to the baseline, recorded in the baseline itself (never by a ticket): on the targets it
 * matches, the named settings (every item of that type) and items (type and name) are observed and reported, but
 * not written, until {@code expires}. From the day after, they are enforced again.
 */
public record Exemption(String name, Match match, Set<String> settings, Set<ItemRef> items, String reason,
                        String ticket, LocalDate expires) {

    /** One item of a setting, named as reports name it ({@code <namespace>/<serviceAccount>} for pod identities). */
    public record ItemRef(String type, String name) { }

    public Exemption {
        settings = Set.copyOf(settings);
        items = Set.copyOf(items);
    }

    public boolean covers(Target target, Map<String, String> targetTags, SettingItem item) {
        return (settings.contains(item.type()) || items.contains(new ItemRef(item.type(), item.name())))
                && match.matches(target, targetTags);
    }

    /** In force through the whole of its expiry date (UTC). */
    public boolean inForceOn(LocalDate today) {
        return !today.isAfter(expires);
    }
}
