package io.trustbaseline.core.setting;

import io.trustbaseline.core.setting.aws.EksAccessEntries;
import io.trustbaseline.core.setting.aws.EksPodIdentity;
import io.trustbaseline.core.setting.aws.EksPodIdentityAgent;
import io.trustbaseline.core.setting.azure.AcrTrustedServices;
import io.trustbaseline.core.setting.azure.AksTrustedAccess;
import io.trustbaseline.core.setting.azure.KeyVaultTrustedServices;
import io.trustbaseline.core.setting.azure.StorageTrustedServices;
import io.trustbaseline.core.setting.azure.WorkspaceStorageRoles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The settings trust-baseline knows, by catalog id. */
public final class Catalog {
    private final Map<String, Setting<?>> byType = new LinkedHashMap<>();

    private Catalog(List<Setting<?>> settings) {
        settings.forEach(s -> {
            if (byType.put(s.type(), s) != null) {
                throw new IllegalArgumentException("two settings use the catalog id " + s.type());
            }
        });
    }

    public static Catalog of(List<Setting<?>> settings) { return new Catalog(settings); }

    /** The standard settings. */
    public static Catalog standard() {
        return of(List.of(new AksTrustedAccess(), new AcrTrustedServices(), new StorageTrustedServices(),
                new WorkspaceStorageRoles(), new EksPodIdentityAgent(), new EksPodIdentity(), new KeyVaultTrustedServices(),
                new EksAccessEntries()));
    }

    public Optional<Setting<?>> find(String type) { return Optional.ofNullable(byType.get(type)); }

    public Set<String> types() { return byType.keySet(); }

    /** The setting of an item the catalog produced. */
    public Setting<?> settingOf(SettingItem item) {
        return find(item.type()).orElseThrow(() -> new IllegalArgumentException("unknown setting " + item.type()));
    }
}
