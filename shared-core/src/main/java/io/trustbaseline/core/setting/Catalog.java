package io.trustbaseline.core.setting;

import io.trustbaseline.core.baseline.Guardrails;
import io.trustbaseline.core.setting.aws.EksAccessEntries;
import io.trustbaseline.core.setting.aws.EksPodIdentity;
import io.trustbaseline.core.setting.aws.EksPodIdentityAgent;
import io.trustbaseline.core.setting.azure.AcrTrustedServices;
import io.trustbaseline.core.setting.azure.AksTrustedAccess;
import io.trustbaseline.core.setting.azure.KeyVaultTrustedServices;
import io.trustbaseline.core.setting.azure.StorageTrustedServices;
import io.trustbaseline.core.setting.azure.WorkspaceStorageRoles;
import io.trustbaseline.core.setting.contract.FieldSpec;
import io.trustbaseline.core.setting.contract.ItemContract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings trust-baseline knows, by catalog id. Adding a setting means writing its class (with its
 * {@link Setting#contract()}) and listing it in {@link #standard()}.
 */
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

    /**
     * The baseline's guardrail keys: the global ones ({@link Guardrails#FORBIDDEN_POLICY_ARNS}) and those the
     * settings declare, each once (two settings may read one key only when they declare it alike).
     */
    public List<FieldSpec> guardrailKeys() {
        Map<String, FieldSpec> keys = new LinkedHashMap<>();
        List<FieldSpec> declared = new ArrayList<>();
        byType.values().forEach(s -> declared.addAll(s.contract().guardrails()));
        declared.add(Guardrails.FORBIDDEN_POLICY_ARNS);
        for (FieldSpec key : declared) {
            FieldSpec earlier = keys.putIfAbsent(key.name(), key);
            if (earlier != null && !earlier.equals(key)) {
                throw new IllegalArgumentException("two settings declare the guardrail " + key.name() + " differently");
            }
        }
        return List.copyOf(keys.values());
    }

    /** The baseline's {@code guardrails} section as a contract: what the loader reads and the schema publishes. */
    public ItemContract guardrailsContract() {
        return ItemContract.of(Guardrails.DESCRIPTION, guardrailKeys().toArray(FieldSpec[]::new));
    }

    public Optional<Setting<?>> find(String type) { return Optional.ofNullable(byType.get(type)); }

    public Set<String> types() { return byType.keySet(); }

    /** The setting of an item the catalog produced. */
    public Setting<?> settingOf(SettingItem item) {
        return find(item.type()).orElseThrow(() -> new IllegalArgumentException("unknown setting " + item.type()));
    }
}
