package io.trustbaseline.core.setting;

import io.trustbaseline.core.setting.contract.ItemContract;

import java.util.Set;

/** What every setting declares once: its catalog id, its item type, its contract and the target types it applies to. */
public abstract class CatalogSetting<I extends SettingItem> implements Setting<I> {
    private final String type;
    private final Class<I> itemType;
    private final ItemContract contract;
    private final Set<String> resourceTypes;

    protected CatalogSetting(String type, Class<I> itemType, ItemContract contract, String... resourceTypes) {
        this.type = type;
        this.itemType = itemType;
        this.contract = contract;
        this.resourceTypes = Set.of(resourceTypes);
    }

    @Override
    public final String type() { return type; }

    @Override
    public final Class<I> itemType() { return itemType; }

    @Override
    public final ItemContract contract() { return contract; }

    @Override
    public final Set<String> resourceTypes() { return resourceTypes; }
}
