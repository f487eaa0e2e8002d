package io.trustbaseline.core.baseline;

import io.trustbaseline.core.setting.SettingItem;

import java.util.List;

/** A baseline rule: the targets it matches and the settings they must have. */
public record Rule(String name, Match match, List<SettingItem> settings) {
    public Rule {
        settings = List.copyOf(settings);
    }
}
