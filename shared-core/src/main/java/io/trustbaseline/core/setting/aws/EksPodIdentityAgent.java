package io.trustbaseline.core.setting.aws;

import io.trustbaseline.core.port.aws.Addon;
import io.trustbaseline.core.port.aws.EksPort;
import io.trustbaseline.core.reconcile.CloudContext;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.CatalogSetting;
import io.trustbaseline.core.setting.SingletonItem;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.setting.contract.Checked;
import io.trustbaseline.core.setting.contract.FieldSpec;
import io.trustbaseline.core.setting.contract.ItemContract;
import io.trustbaseline.core.target.EksClusterArn;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code eks-pod-identity-agent}: the {@code eks-pod-identity-agent} add-on exists and is ACTIVE. A DEGRADED or
 * failed add-on is reported as blocked with its health issues, never hidden behind a fresh create.
 */
public final class EksPodIdentityAgent extends CatalogSetting<EksPodIdentityAgent.Item> {
    public static final String TYPE = "eks-pod-identity-agent";
    public static final String ADDON_NAME = "eks-pod-identity-agent";
    private static final Pattern VERSION = Pattern.compile("^v?[0-9][A-Za-z0-9._-]{0,99}$");
    private static final Set<String> BUSY = Set.of("CREATING", "UPDATING", "DELETING");

    /** {@code addonVersion} null installs EKS's default version for the cluster. */
    public record Item(String addonVersion) implements SingletonItem {
        @Override
        public String type() { return TYPE; }
    }

    public EksPodIdentityAgent() {
        super(TYPE, Item.class, ItemContract.of("The eks-pod-identity-agent add-on exists on the cluster and is ACTIVE.",
                FieldSpec.string("addonVersion", "Add-on version to install, e.g. v1.3.4-eksbuild.1; absent = the"
                        + " default version for the cluster.")
                        .pattern(VERSION, "an add-on version such as v1.3.4-eksbuild.1").length(1, 100)),
                EksClusterArn.RESOURCE_TYPE);
    }

    @Override
    public Item read(Checked item, Action action) {
        return item.complete() ? new Item(item.string("addonVersion")) : null;
    }

    @Override
    public Plan plan(Item item, Action action, CloudContext cloud) {
        EksClusterArn cluster = (EksClusterArn) cloud.target();
        EksPort eks = cloud.aws().eks();
        Optional<Addon> addon = cloud.read(() -> eks.describeAddon(cluster, ADDON_NAME));
        if (addon.isEmpty()) {
            Addon desired = new Addon(ADDON_NAME, "ACTIVE", item.addonVersion(), null);
            return Plan.create("install the " + ADDON_NAME + " add-on"
                            + (item.addonVersion() == null ? "" : " " + item.addonVersion()), null, desired,
                    () -> cloud.write(() -> eks.createAddon(cluster, ADDON_NAME, item.addonVersion())));
        }
        Addon current = addon.get();
        if ("ACTIVE".equals(current.status())) {
            return Plan.noop("the add-on is ACTIVE (" + current.addonVersion() + ")", current);
        }
        if (BUSY.contains(current.status())) {
            return Plan.deferred("the add-on is " + current.status(), current);
        }
        return Plan.blocked("the add-on is " + current.status()
                + (current.issues().isEmpty() ? "" : ": " + String.join("; ", current.issues()))
                + "; it needs a person to look at it", current);
    }
}
