package io.trustbaseline.core.setting;

/** One item of a setting with its parameters, as a request or the baseline gives it. */
public interface SettingItem {
    /** The catalog id, such as {@code aks-trusted-access}. */
    String type();

    /** The item's name in reports and in {@code confirm}: a binding name, {@code namespace/serviceAccount}, or the type. */
    String name();
}
