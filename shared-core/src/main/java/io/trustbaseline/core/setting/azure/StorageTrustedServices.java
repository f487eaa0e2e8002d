package io.trustbaseline.core.setting.azure;

import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.port.azure.StorageNetworkAcls;
import io.trustbaseline.core.port.azure.StoragePort;
import io.trustbaseline.core.reconcile.CloudContext;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.Setting;
import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.setting.Step;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;

import java.util.Set;

/**
 * {@code storage-trusted-services}: the storage firewall's {@code bypass} holds {@code AzureServices}, added to
 * whatever else it had (Logging, Metrics) with every network rule kept.
 */
public final class StorageTrustedServices implements Setting<StorageTrustedServices.Item> {
    public static final String TYPE = "storage-trusted-services";

    public record Item() implements SettingItem {
        @Override
        public String type() { return TYPE; }

        @Override
        public String name() { return TYPE; }
    }

    @Override
    public String type() { return TYPE; }

    @Override
    public Class<Item> itemType() { return Item.class; }

    @Override
    public Set<String> resourceTypes() { return Set.of(AzureResourceTypes.STORAGE_ACCOUNTS); }

    @Override
    public Item read(Fields f, Action action) {
        return new Item();
    }

    @Override
    public Step plan(Item item, Action action, CloudContext cloud) {
        AzureResourceId account = (AzureResourceId) cloud.target();
        StoragePort port = cloud.port(StoragePort.class);
        StorageNetworkAcls current = cloud.read(() -> port.getNetworkAcls(account));
        if (current.bypasses(StorageNetworkAcls.AZURE_SERVICES)) {
            return Step.noop("trusted Azure services bypass the firewall (" + current.bypass() + ")", current);
        }
        StorageNetworkAcls desired = current.withBypassAdded(StorageNetworkAcls.AZURE_SERVICES);
        return Step.update("bypass \"" + current.bypass() + "\" -> \"" + desired.bypass() + "\", rules kept", current,
                desired, () -> cloud.write(() -> port.updateNetworkAcls(account, desired)));
    }
}
