package io.trustbaseline.core.setting;

import java.util.Set;

/** What every setting declares once: its catalog id, its item type and the target types it applies to. */
public abstract class CatalogSetting<I extends SettingItem> implements Setting<I> {
    private final String type;
    private final Class<I> itemType;
    private final Set<String> resourceTypes;

    protected CatalogSetting(String type, Class<I> itemType, String... resourceTypes) {
        this.type = type;
        this.itemType = itemType;
        this.resourceTypes = Set.of(resourceTypes);
    }

    @Override
    public final String type() { return type; }

    @Override
    public final Class<I> itemType() { return itemType; }

    @Override
    public final Set<String> resourceTypes() { return resourceTypes; }
}
