package io.trustbaseline.core.setting;

/** An item of a setting that a target has at most once: it is named by its type. */
public interface SingletonItem extends SettingItem {
    @Override
    default String name() { return type(); }
}
