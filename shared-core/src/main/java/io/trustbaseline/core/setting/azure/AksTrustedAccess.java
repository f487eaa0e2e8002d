package io.trustbaseline.core.setting.azure;

import io.trustbaseline.core.baseline.Guardrails;
import io.trustbaseline.core.port.azure.TrustedAccessBinding;
import io.trustbaseline.core.port.azure.TrustedAccessPort;
import io.trustbaseline.core.port.azure.TrustedAccessRole;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.reconcile.CloudContext;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.GuardScope;
import io.trustbaseline.core.setting.CatalogSetting;
import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.setting.contract.Checked;
import io.trustbaseline.core.setting.contract.FieldSpec;
import io.trustbaseline.core.setting.contract.ItemContract;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;
import io.trustbaseline.core.target.TargetType;
import io.trustbaseline.core.target.Target;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code aks-trusted-access}: the cluster holds a Trusted Access role binding of this name, for this source
 * resource, with exactly these roles. Roles are checked against what the cluster's location offers for the
 * source's type before anything is written, so a wrong role is named plainly instead of ARM's bare 400.
 * <p>
 * Ownership: a binding carries no tags (the TrustedAccessRoleBinding resource has none), so what trust-baseline
 * creates is recorded in its name: {@link #nameFor} the source, {@code tb-} and a hash of the source's id. An item
 * without a name gets that name, and a binding of that name is trust-baseline's to repair or remove. Any other
 * binding (Defender's, one made by hand, a hand-made {@code tb-x}) is changed only by a baseline item that names it
 * and says {@code adopt: true}; requests never adopt and never name a binding otherwise.
 */
public final class AksTrustedAccess extends CatalogSetting<AksTrustedAccess.Item> {
    public static final String TYPE = "aks-trusted-access";
    /** AKS refuses a ninth binding on a cluster. */
    public static final int MAX_BINDINGS = 8;
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9-]{1,24}$");
    /** The prefix of the names trust-baseline gives the bindings it creates. */
    public static final String NAME_PREFIX = "tb-";
    private static final Pattern ROLE = Pattern.compile("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+/[A-Za-z0-9]+/[A-Za-z0-9_-]+$");

    /** Which sources a request may bind: globs of Azure resource ids, compared without case as ARM does. */
    public static final FieldSpec TRUSTED_ACCESS_SOURCES = FieldSpec.strings("trustedAccessSources", "Globs of Azure"
            + " resource ids a binding's sourceResourceId may match (without case, as ARM compares ids).")
            .length(1, 1024).items(0, 1000).ignoringCase();
    /** Which roles a request may grant: globs, compared without case as ARM does. */
    public static final FieldSpec TRUSTED_ACCESS_ROLES = FieldSpec.strings("trustedAccessRoles", "Globs of"
            + " trusted-access roles a binding may grant (without case).").length(1, 256).items(0, 1000).ignoringCase();

    private static final ItemContract CONTRACT = ItemContract.of("An AKS Trusted Access role binding on the target"
                    + " cluster. A cluster holds at most 8 bindings; the source must be in the cluster's subscription"
                    + " and have a system-assigned identity; binding names must be unique within one document (these"
                    + " are checked by the parser or the cloud, not by this schema). Ownership: a binding has no tags,"
                    + " so trust-baseline records the ones it creates in their name: without 'name' the binding is"
                    + " named tb-<first 16 hex digits of the SHA-256 of the lower-case sourceResourceId>, and"
                    + " trust-baseline repairs it. A binding the item names otherwise (Defender's, one made by hand, a"
                    + " hand-made tb-x) is changed only by a baseline item with 'adopt: true'; a request changes or"
                    + " removes only the bindings trust-baseline created, and always names their source (a guardrail).",
            FieldSpec.string("name", "Binding name: 1-24 of [A-Za-z0-9-] (trustedAccessRoleBindingName). Best left"
                            + " out: trust-baseline then names the binding after its source (tb-<hash>), which records"
                            + " that trust-baseline created it.")
                    .pattern(NAME, "1-24 letters, digits or '-'").length(1, 24),
            FieldSpec.bool("adopt", "The baseline takes over an existing binding of this name that trust-baseline"
                            + " did not create (requires 'name'): without it such a binding is never changed. Only"
                            + " the baseline adopts.")
                    .defaultValue(false)
                    .baselineOnly("only the baseline adopts a binding trust-baseline did not create"),
            FieldSpec.string("sourceResourceId", "The Azure resource id of the binding's source, e.g. an Azure ML"
                    + " workspace.").requiredOn(Action.ENSURE).schemaRef("azureTargetId"),
            FieldSpec.strings("roles", "Trusted Access roles: Microsoft.<Namespace>/<type>/<role>, e.g."
                            + " Microsoft.MachineLearningServices/workspaces/mlworkload.")
                    .requiredOn(Action.ENSURE)
                    .pattern(ROLE, "a role such as Microsoft.MachineLearningServices/workspaces/mlworkload")
                    .length(1, 256).items(1, 10))
            .requires("adopt", "name", "requires-name", "adopt takes over an existing binding: name it")
            .atLeastOneOn(Action.REMOVE, "required", "name the binding, or give its sourceResourceId and"
                    + " trust-baseline names it " + NAME_PREFIX + "<hash of the source>", "name", "sourceResourceId")
            .guardrails(TRUSTED_ACCESS_SOURCES, TRUSTED_ACCESS_ROLES);

    /**
     * A binding as asked. {@code name} is the one given, or else {@link #nameFor} the source; {@code adopt}: the
     * baseline takes over an existing binding of that name that trust-baseline did not create.
     */
    public record Item(String name, String sourceResourceId, List<String> roles, boolean adopt) implements SettingItem {
        /** An item that adopts nothing. */
        public Item(String name, String sourceResourceId, List<String> roles) {
            this(name, sourceResourceId, roles, false);
        }

        @Override
        public String type() { return TYPE; }

        /** Whether the name is the one trust-baseline gives a binding for this source: its record of creating it. */
        public boolean namedAfterSource() {
            return sourceResourceId != null && name.equalsIgnoreCase(nameFor(sourceResourceId));
        }

        /** Whether this item may change or remove an existing binding of its name. */
        boolean owns() {
            return namedAfterSource() || adopt;
        }
    }

    /**
     * The name trust-baseline gives the binding it creates for a source: {@code tb-} and the first 16 hex digits of
     * the SHA-256 of the source's id in lower case (ARM ids compare without case). Within AKS's 24 characters, and
     * only a binding made for that very source carries it; the hash is no secret, so this records, not authenticates.
     */
    public static String nameFor(String sourceResourceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(sourceResourceId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return NAME_PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Each location's Trusted Access roles, as read once by this process. */
    private final Map<String, List<TrustedAccessRole>> offeredByLocation = new ConcurrentHashMap<>();

    public AksTrustedAccess() {
        super(TYPE, Item.class, CONTRACT, AzureResourceTypes.MANAGED_CLUSTERS);
    }

    @Override
    public boolean removable() { return true; }

    @Override
    public Item read(Checked item, Action action) {
        String source = item.string("sourceResourceId");
        if (source != null) {
            checkSource(source, item);
        }
        if (!item.complete()) {
            return null;
        }
        String name = item.given("name") ? item.string("name") : nameFor(source);
        return new Item(name, source, item.strings("roles"), item.bool("adopt"));
    }

    /**
     * The schema states the shape of an Azure resource id and the name rule of each target type; the parser reads
     * the id as ARM does (AzureResourceId) and applies the same name rules.
     */
    private static void checkSource(String source, Checked item) {
        StringBuilder why = new StringBuilder();
        Optional<AzureResourceId> id = AzureResourceId.tryParse(source, why);
        Optional<TargetType.NameRule> rule = id.flatMap(i -> TargetType.of(i.resourceType())).map(TargetType::nameRule);
        if (id.isEmpty()) {
            item.problems().add(item.at("sourceResourceId"), "resource-id", why.toString());
        } else if (rule.isPresent() && !rule.get().accepts(id.get().name())) {
            item.problems().add(item.at("sourceResourceId"), "name", "the name \"" + id.get().name() + "\" must be "
                    + rule.get().description());
        }
    }

    @Override
    public void guard(Item item, Guardrails guardrails, GuardScope scope, Target target, String at, Problems problems) {
        if (scope != GuardScope.REQUEST) {
            return;
        }
        if (item.sourceResourceId() == null) {
            problems.add(at + ".sourceResourceId", "ownership", "a request names the binding's source: the source is"
                    + " what shows that trust-baseline created the binding (its name is " + NAME_PREFIX
                    + "<hash of the source>)");
            problems.add(at + ".name", "ownership", "without its source nothing shows that trust-baseline created "
                    + item.name() + ": a request changes or removes only the bindings trust-baseline created");
            return;
        }
        if (!item.namedAfterSource()) {
            problems.add(at + ".name", "ownership", "a request creates, changes or removes only the bindings"
                    + " trust-baseline created, named after their source: for this source that is "
                    + nameFor(item.sourceResourceId()) + ", and " + item.name() + " is not one (leave name out)");
        }
        if (!guardrails.allows(TRUSTED_ACCESS_SOURCES, item.sourceResourceId())) {
            problems.add(at + ".sourceResourceId", "guardrail:trustedAccessSources", "the baseline's guardrails do not"
                    + " allow trusted access for " + item.sourceResourceId());
        }
        for (int i = 0; i < item.roles().size(); i++) {
            if (!guardrails.allows(TRUSTED_ACCESS_ROLES, item.roles().get(i))) {
                problems.add(at + ".roles[" + i + "]", "guardrail:trustedAccessRoles", "the baseline's guardrails do not"
                        + " allow the role " + item.roles().get(i));
            }
        }
    }

    @Override
    public Plan plan(Item item, Action action, CloudContext cloud) {
        AzureResourceId cluster = (AzureResourceId) cloud.target();
        TrustedAccessPort port = cloud.azure().trustedAccess();
        List<TrustedAccessBinding> bindings = cloud.read(() -> port.listBindings(cluster));
        Optional<TrustedAccessBinding> current = bindings.stream()
                .filter(b -> b.name().equalsIgnoreCase(item.name())).findFirst();
        if (current.isPresent() && !item.owns() && (action == Action.REMOVE || !matches(current.get(), item))) {
            return notOurs(item, current.get());
        }
        if (action == Action.REMOVE) {
            return current.map(b -> Plan.remove("delete the binding " + item.name() + " (its source loses access)", b,
                            () -> cloud.write(() -> port.deleteBinding(cluster, b.name()))))
                    .orElseGet(() -> Plan.noop("the binding " + item.name() + " is already absent", null));
        }
        AzureResourceId source = AzureResourceId.parse(item.sourceResourceId());
        TrustedAccessBinding desired = TrustedAccessBinding.desired(item.name(), source.id(), item.roles());
        if (current.isPresent() && isBusy(current.get())) {
            return Plan.deferred("the binding is " + current.get().provisioningState(), current.get());
        }
        if (current.isPresent() && matches(current.get(), desired) && !"Failed".equals(current.get().provisioningState())) {
            return Plan.noop("the binding " + item.name() + " is in place", current.get());
        }
        if (!source.subscriptionId().equalsIgnoreCase(cluster.subscriptionId())) {
            return Plan.refused("sourceResourceId", "same-subscription", "the source " + source.id() + " is in"
                    + " another subscription than the cluster; Trusted Access binds sources of the cluster's own"
                    + " subscription only", current.orElse(null));
        }
        if (current.isEmpty() && bindings.size() >= MAX_BINDINGS) {
            return Plan.blocked("the cluster already has " + bindings.size() + " bindings, the most AKS allows ("
                    + bindings.stream().map(TrustedAccessBinding::name).collect(Collectors.joining(", "))
                    + "): remove one before adding " + item.name(), null);
        }
        Optional<String> unoffered = unofferedRoles(item, source, cloud);
        if (unoffered.isPresent()) {
            return Plan.blocked(unoffered.get(), current.orElse(null));
        }
        Plan.Change put = () -> cloud.write(() -> port.putBinding(cluster, desired));
        return current.isEmpty()
                ? Plan.create("create the binding " + item.name() + " for " + source.name() + " with "
                        + String.join(", ", item.roles()), null, desired, put)
                : Plan.update("set the binding " + item.name() + " to " + source.name() + " with "
                        + String.join(", ", item.roles()), current.get(), desired, put);
    }

    /**
     * Why some role is not offered in the cluster's location for the source's type, if one is not. A location's
     * catalogue (TrustedAccessRoles_List) is read once per process: it is Azure's, the same for every cluster there.
     */
    private Optional<String> unofferedRoles(Item item, AzureResourceId source, CloudContext cloud) {
        AzureResourceId cluster = (AzureResourceId) cloud.target();
        String location = cloud.state().location();
        String key = location.toLowerCase(Locale.ROOT);
        List<TrustedAccessRole> offered = offeredByLocation.get(key);
        if (offered == null) {
            offered = cloud.read(() -> cloud.azure().trustedAccess().listRoles(cluster.subscriptionId(), location));
            offeredByLocation.put(key, offered);
        }
        Set<String> forSource = offered.stream()
                .filter(r -> r.sourceResourceType().equalsIgnoreCase(source.resourceType()))
                .map(r -> r.fullName().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<String> missing = item.roles().stream().filter(r -> !forSource.contains(r.toLowerCase(Locale.ROOT))).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("role " + String.join(", ", missing) + " is not offered for source type "
                + source.resourceType() + " in " + location + (forSource.isEmpty() ? " (none is)"
                : " (offered: " + offered.stream().filter(r -> r.sourceResourceType().equalsIgnoreCase(source.resourceType()))
                        .map(TrustedAccessRole::fullName).collect(Collectors.joining(", ")) + ")"));
    }

    /** A binding trust-baseline did not create and the item does not adopt: refused, whatever the item asks. */
    private static Plan notOurs(Item item, TrustedAccessBinding current) {
        return Plan.refused("name", "ownership", "the binding " + current.name() + " was not created by trust-baseline"
                + " (its name is not " + (item.sourceResourceId() == null ? NAME_PREFIX + "<hash of the source>"
                : nameFor(item.sourceResourceId())) + ", the name trust-baseline gives a binding for this source):"
                + " only a baseline item that names it with adopt: true changes or removes it", current);
    }

    private static boolean matches(TrustedAccessBinding current, Item item) {
        return item.sourceResourceId() != null && !"Failed".equals(current.provisioningState())
                && matches(current, TrustedAccessBinding.desired(item.name(),
                AzureResourceId.parse(item.sourceResourceId()).id(), item.roles()));
    }

    private static boolean isBusy(TrustedAccessBinding b) {
        return "Updating".equals(b.provisioningState()) || "Deleting".equals(b.provisioningState());
    }

    private static boolean matches(TrustedAccessBinding current, TrustedAccessBinding desired) {
        return current.sourceResourceId().equalsIgnoreCase(desired.sourceResourceId())
                && lower(current.roles()).equals(lower(desired.roles()));
    }

    private static Set<String> lower(List<String> roles) {
        return roles.stream().map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
