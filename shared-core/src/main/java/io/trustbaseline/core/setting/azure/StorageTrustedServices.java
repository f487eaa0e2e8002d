package io.trustbaseline.core.setting.azure;

import io.trustbaseline.core.port.azure.StorageNetworkAcls;
import io.trustbaseline.core.port.azure.StoragePort;
import io.trustbaseline.core.reconcile.CloudContext;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.CatalogSetting;
import io.trustbaseline.core.setting.SingletonItem;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.setting.contract.Checked;
import io.trustbaseline.core.setting.contract.ItemContract;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;


/**
 * {@code storage-trusted-services}: the storage firewall's {@code bypass} holds {@code AzureServices}, added to
 * whatever else it had (Logging, Metrics) with every network rule kept.
 */
public final class StorageTrustedServices extends CatalogSetting<StorageTrustedServices.Item> {
    public static final String TYPE = "storage-trusted-services";

    public record Item() implements SingletonItem {
        @Override
        public String type() { return TYPE; }
    }

    public StorageTrustedServices() {
        super(TYPE, Item.class, ItemContract.of("networkAcls.bypass contains AzureServices, keeping Logging/Metrics"
                + " where present. No parameters."), AzureResourceTypes.STORAGE_ACCOUNTS);
    }

    @Override
    public Item read(Checked item, Action action) {
        return new Item();
    }

    @Override
    public Plan plan(Item item, Action action, CloudContext cloud) {
        AzureResourceId account = (AzureResourceId) cloud.target();
        StoragePort port = cloud.azure().storage();
        StorageNetworkAcls current = cloud.readTarget(StorageNetworkAcls.class, () -> port.getNetworkAcls(account));
        if (current.bypasses(StorageNetworkAcls.AZURE_SERVICES)) {
            return Plan.noop("trusted Azure services bypass the firewall (" + current.bypass() + ")", current);
        }
        StorageNetworkAcls desired = current.withBypassAdded(StorageNetworkAcls.AZURE_SERVICES);
        return Plan.update("bypass \"" + current.bypass() + "\" -> \"" + desired.bypass() + "\", rules kept", current,
                desired, () -> cloud.writeTarget(StorageNetworkAcls.class, () -> port.updateNetworkAcls(account, desired)));
    }
}
