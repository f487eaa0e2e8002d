package io.trustbaseline.core.fake;

import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.AwsPorts;
import io.trustbaseline.core.port.AzurePorts;
import io.trustbaseline.core.port.Ports;
import io.trustbaseline.core.port.TargetPort;
import io.trustbaseline.core.port.aws.Addon;
import io.trustbaseline.core.port.aws.AccessEntry;
import io.trustbaseline.core.port.aws.EksPort;
import io.trustbaseline.core.port.aws.IamPort;
import io.trustbaseline.core.port.aws.IamRole;
import io.trustbaseline.core.port.aws.PodIdentityAssociation;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.port.azure.RegistryPort;
import io.trustbaseline.core.port.azure.RoleAssignment;
import io.trustbaseline.core.port.azure.RoleAssignmentPort;
import io.trustbaseline.core.port.azure.StorageNetworkAcls;
import io.trustbaseline.core.port.azure.StoragePort;
import io.trustbaseline.core.port.azure.VaultFirewall;
import io.trustbaseline.core.port.azure.VaultNetworkAcls;
import io.trustbaseline.core.port.azure.VaultPort;
import io.trustbaseline.core.port.azure.TrustedAccessBinding;
import io.trustbaseline.core.port.azure.TrustedAccessPort;
import io.trustbaseline.core.port.azure.TrustedAccessRole;
import io.trustbaseline.core.port.azure.Workspace;
import io.trustbaseline.core.port.azure.WorkspacePort;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * In-memory implementations of every port, for unit tests of the core. State lives in maps keyed like the
 * clouds key it (Azure ids without case); every successful write is recorded in {@link #writes()}; every attempt,
 * read or write, counts in {@link #calls(String)}; {@link #failNext} makes the next calls of one operation throw,
 * {@link #failAfterNext} makes them throw after their write took effect (an answer lost on the way back), and
 * {@link #beforeNext} runs another writer's change just before the next call of an operation.
 * Operations are named {@code <port>.<method>}, e.g. {@code trustedAccess.putBinding}, {@code eks.createAddon}.
 */
public final class FakeCloud {
    private final List<String> writes = new ArrayList<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Deque<CloudException>> faults = new HashMap<>();
    private final Map<String, Deque<CloudException>> lostAnswers = new HashMap<>();
    private final Map<String, Deque<Runnable>> otherWriters = new HashMap<>();
    private Consumer<String> everyCall = operation -> { };

    final Map<String, TargetState> targets = new HashMap<>();
    final Map<String, Map<String, TrustedAccessBinding>> bindings = new HashMap<>();
    final Map<String, List<TrustedAccessRole>> offeredRoles = new HashMap<>();
    final Map<String, RegistryNetwork> registries = new HashMap<>();
    final Map<String, StorageNetworkAcls> storage = new HashMap<>();
    /** Key vaults by id; a vault without networkAcls maps to empty. */
    final Map<String, Optional<VaultNetworkAcls>> vaults = new HashMap<>();
    final Map<String, Workspace> workspaces = new HashMap<>();
    final Map<String, RoleAssignment> roleAssignments = new LinkedHashMap<>();
    final Map<String, Map<String, Addon>> addons = new HashMap<>();
    final Map<String, Map<String, PodIdentityAssociation>> associations = new HashMap<>();
    final Map<String, Map<String, IamRole>> roles = new HashMap<>();
    final Map<String, String> authenticationModes = new HashMap<>();
    final Map<String, Map<String, AccessEntry>> accessEntries = new HashMap<>();
    final Map<String, Map<String, List<AccessEntry.Policy>>> accessPolicies = new HashMap<>();
    final Map<String, List<String>> attachedPolicies = new HashMap<>();
    private int nextAssociation = 1;

    /** The accounts and subscriptions the fake deployment serves: those of the fixtures, unless a test changes it. */
    public final List<String> served = new java.util.ArrayList<>(List.of(Fixtures.ACCOUNT, Fixtures.SUB));

    /** Serves the targets of both clouds: the core's tests mix them. */
    public final TargetPort targetPort = new TargetPort() {
        @Override
        public java.util.Set<io.trustbaseline.core.target.Cloud> clouds() {
            return java.util.EnumSet.allOf(io.trustbaseline.core.target.Cloud.class);
        }

        @Override
        public boolean serves(Target target) {
            return served.stream().anyMatch(s -> s.equalsIgnoreCase(target.scope()));
        }

        @Override
        public List<String> servedScopes() {
            return List.copyOf(served);
        }

        @Override
        public Optional<TargetState> describe(Target target) {
            read("target.describe");
            return Optional.ofNullable(targets.get(key(target)));
        }
    };
    public final Trusted trustedAccess = new Trusted();
    public final Registries registry = new Registries();
    public final Storage storagePort = new Storage();
    public final Workspaces workspacePort = new Workspaces();
    public final Assignments roleAssignmentPort = new Assignments();
    public final Vaults vaultPort = new Vaults();
    public final Eks eks = new Eks();
    public final Iam iam = new Iam();

    public Ports ports() {
        return Ports.both(targetPort,
                new AzurePorts(trustedAccess, registry, storagePort, workspacePort, roleAssignmentPort, vaultPort),
                new AwsPorts(eks, iam));
    }

    // ---- test control -------------------------------------------------------------------------------------------

    /** The next {@code times} calls of {@code operation} throw {@code error} (before touching any state). */
    public FakeCloud failNext(String operation, int times, CloudException error) {
        Deque<CloudException> queue = faults.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(error);
        }
        return this;
    }

    /**
     * The next {@code times} writes of {@code operation} take effect, then throw {@code error} (the answer is lost);
     * for operations that record their write once their change is made ({@code iam.createRole}).
     */
    public FakeCloud failAfterNext(String operation, int times, CloudException error) {
        Deque<CloudException> queue = lostAnswers.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(error);
        }
        return this;
    }

    /**
     * Runs {@code hook} with the operation's name at the start of every call, before anything else: a hook that
     * throws makes the call fail (a call that hangs until its client's timeout, for instance).
     */
    public FakeCloud onEveryCall(Consumer<String> hook) {
        everyCall = hook;
        return this;
    }

    /** Just before the next call of {@code operation}, another writer makes {@code change} (once). */
    public FakeCloud beforeNext(String operation, Runnable change) {
        otherWriters.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(change);
        return this;
    }

    /** Every successful write, in order, as {@code "<operation> <what>"}. */
    public List<String> writes() { return List.copyOf(writes); }

    /** Attempts of one operation, failed ones included. */
    public int calls(String operation) { return calls.getOrDefault(operation, 0); }

    public int totalCalls() { return calls.values().stream().mapToInt(Integer::intValue).sum(); }

    // ---- seeding ------------------------------------------------------------------------------------------------

    public FakeCloud target(Target target, TargetState state) {
        targets.put(key(target), state);
        return this;
    }

    public FakeCloud binding(AzureResourceId cluster, TrustedAccessBinding binding) {
        bindings.computeIfAbsent(key(cluster), k -> new LinkedHashMap<>()).put(lower(binding.name()), binding);
        return this;
    }

    public FakeCloud offers(String location, TrustedAccessRole role) {
        offeredRoles.computeIfAbsent(location, k -> new ArrayList<>()).add(role);
        return this;
    }

    public FakeCloud registry(AzureResourceId id, RegistryNetwork network) {
        registries.put(key(id), network);
        return this;
    }

    public FakeCloud storageAccount(AzureResourceId id, StorageNetworkAcls acls) {
        storage.put(key(id), acls);
        return this;
    }

    /** A key vault; {@code acls} null for one without networkAcls. */
    public FakeCloud vault(AzureResourceId id, VaultNetworkAcls acls) {
        vaults.put(key(id), Optional.ofNullable(acls));
        return this;
    }

    public FakeCloud workspace(AzureResourceId id, Workspace workspace) {
        workspaces.put(key(id), workspace);
        return this;
    }

    public FakeCloud addon(EksClusterArn cluster, Addon addon) {
        addons.computeIfAbsent(cluster.id(), k -> new LinkedHashMap<>()).put(addon.name(), addon);
        return this;
    }

    public FakeCloud association(EksClusterArn cluster, PodIdentityAssociation association) {
        String id = association.associationId() != null ? association.associationId() : "a-" + nextAssociation++;
        associations.computeIfAbsent(cluster.id(), k -> new LinkedHashMap<>()).put(id, association.withId(id));
        return this;
    }

    /** The cluster's authentication mode (API_AND_CONFIG_MAP unless a test sets another). */
    public FakeCloud authenticationMode(EksClusterArn cluster, String mode) {
        authenticationModes.put(cluster.id(), mode);
        return this;
    }

    public FakeCloud accessEntry(EksClusterArn cluster, AccessEntry entry, List<AccessEntry.Policy> policies) {
        accessEntries.computeIfAbsent(cluster.id(), k -> new LinkedHashMap<>()).put(entry.principalArn(), entry);
        accessPolicies.computeIfAbsent(cluster.id(), k -> new LinkedHashMap<>())
                .put(entry.principalArn(), new ArrayList<>(policies));
        return this;
    }

    /**
     * IAM role names are unique per account without case ("Names are not distinguished by case", IAM API Reference,
     * CreateRole, RoleName): a role is found by any spelling of its name and keeps the name it was created with.
     */
    public FakeCloud role(String accountId, IamRole role, List<String> attached) {
        roles.computeIfAbsent(accountId, k -> new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER)).put(role.name(), role);
        attachedPolicies.put(roleKey(accountId, role.name()), new ArrayList<>(attached));
        return this;
    }

    private static String roleKey(String accountId, String roleName) {
        return accountId + "/" + roleName.toLowerCase(java.util.Locale.ROOT);
    }

    // ---- inspection ---------------------------------------------------------------------------------------------

    public List<TrustedAccessBinding> bindings(AzureResourceId cluster) {
        return List.copyOf(bindings.getOrDefault(key(cluster), Map.of()).values());
    }

    public RegistryNetwork registry(AzureResourceId id) { return registries.get(key(id)); }

    public StorageNetworkAcls storageAccount(AzureResourceId id) { return storage.get(key(id)); }

    public Optional<VaultNetworkAcls> vault(AzureResourceId id) { return vaults.get(key(id)); }

    public List<RoleAssignment> roleAssignments() { return List.copyOf(roleAssignments.values()); }

    public Optional<Addon> addon(EksClusterArn cluster, String name) {
        return Optional.ofNullable(addons.getOrDefault(cluster.id(), Map.of()).get(name));
    }

    public List<PodIdentityAssociation> associations(EksClusterArn cluster) {
        return List.copyOf(associations.getOrDefault(cluster.id(), Map.of()).values());
    }

    public Optional<AccessEntry> accessEntry(EksClusterArn cluster, String principalArn) {
        return Optional.ofNullable(accessEntries.getOrDefault(cluster.id(), Map.of()).get(principalArn));
    }

    public List<AccessEntry.Policy> accessPolicies(EksClusterArn cluster, String principalArn) {
        return List.copyOf(accessPolicies.getOrDefault(cluster.id(), Map.of()).getOrDefault(principalArn, List.of()));
    }

    public Optional<IamRole> role(String accountId, String name) {
        return Optional.ofNullable(roles.getOrDefault(accountId, Map.of()).get(name));
    }

    public List<String> attachedPolicies(String accountId, String roleName) {
        return List.copyOf(attachedPolicies.getOrDefault(roleKey(accountId, roleName), List.of()));
    }

    // ---- the ports ----------------------------------------------------------------------------------------------

    public final class Trusted implements TrustedAccessPort {
        @Override
        public List<TrustedAccessBinding> listBindings(AzureResourceId cluster) {
            read("trustedAccess.listBindings");
            return bindings(cluster);
        }

        @Override
        public TrustedAccessBinding putBinding(AzureResourceId cluster, TrustedAccessBinding binding) {
            write("trustedAccess.putBinding", cluster.name() + "/" + binding.name());
            TrustedAccessBinding stored = new TrustedAccessBinding(binding.name(), binding.sourceResourceId(),
                    binding.roles(), "Succeeded");
            binding(cluster, stored);
            return stored;
        }

        @Override
        public void deleteBinding(AzureResourceId cluster, String bindingName) {
            write("trustedAccess.deleteBinding", cluster.name() + "/" + bindingName);
            bindings.getOrDefault(key(cluster), new HashMap<>()).remove(lower(bindingName));
        }

        @Override
        public List<TrustedAccessRole> listRoles(String subscriptionId, String location) {
            read("trustedAccess.listRoles");
            return List.copyOf(offeredRoles.getOrDefault(location, List.of()));
        }
    }

    public final class Registries implements RegistryPort {
        @Override
        public RegistryNetwork get(AzureResourceId id) {
            read("registry.get");
            return existing(registries, id);
        }

        @Override
        public RegistryNetwork setNetworkRuleBypass(AzureResourceId id, String bypassOptions) {
            write("registry.setNetworkRuleBypass", id.name() + " " + bypassOptions);
            RegistryNetwork r = existing(registries, id);
            RegistryNetwork updated = new RegistryNetwork(r.sku(), r.publicNetworkAccess(), bypassOptions);
            registries.put(key(id), updated);
            return updated;
        }
    }

    public final class Storage implements StoragePort {
        @Override
        public StorageNetworkAcls getNetworkAcls(AzureResourceId id) {
            read("storage.getNetworkAcls");
            return existing(storage, id);
        }

        @Override
        public StorageNetworkAcls updateNetworkAcls(AzureResourceId id, StorageNetworkAcls acls) {
            write("storage.updateNetworkAcls", id.name() + " bypass=" + acls.bypass());
            existing(storage, id);
            storage.put(key(id), acls);
            return acls;
        }
    }

    public final class Vaults implements VaultPort {
        @Override
        public VaultFirewall getFirewall(AzureResourceId id) {
            read("vaults.getFirewall");
            return new VaultFirewall(existing(vaults, id).orElse(null));
        }

        @Override
        public VaultFirewall updateNetworkAcls(AzureResourceId id, VaultNetworkAcls acls) {
            write("vaults.updateNetworkAcls", id.name() + " bypass=" + acls.bypass());
            existing(vaults, id);
            vaults.put(key(id), Optional.of(acls));
            return new VaultFirewall(acls);
        }
    }

    public final class Workspaces implements WorkspacePort {
        @Override
        public Workspace get(AzureResourceId id) {
            read("workspace.get");
            return existing(workspaces, id);
        }
    }

    public final class Assignments implements RoleAssignmentPort {
        @Override
        public List<RoleAssignment> list(String scope, String principalId) {
            read("roleAssignments.list");
            return roleAssignments.values().stream()
                    .filter(a -> a.scope().equalsIgnoreCase(scope) && a.principalId().equalsIgnoreCase(principalId))
                    .toList();
        }

        @Override
        public void create(RoleAssignment assignment) {
            write("roleAssignments.create", assignment.name() + " " + assignment.roleDefinitionId());
            roleAssignments.put(assignment.name(), assignment);
        }
    }

    public final class Eks implements EksPort {
        /** The status a new add-on has right after CreateAddon (EKS says CREATING; tests usually want ACTIVE). */
        public String newAddonStatus = "ACTIVE";

        @Override
        public Optional<Addon> describeAddon(EksClusterArn cluster, String addonName) {
            read("eks.describeAddon");
            return addon(cluster, addonName);
        }

        @Override
        public Addon createAddon(EksClusterArn cluster, String addonName, String addonVersion) {
            write("eks.createAddon", cluster.name() + " " + addonName);
            Addon created = new Addon(addonName, newAddonStatus, addonVersion == null ? "v1.3.4-eksbuild.1" : addonVersion,
                    List.of());
            addon(cluster, created);
            return created;
        }

        @Override
        public List<String> listAssociationIds(EksClusterArn cluster, String namespace, String serviceAccount) {
            read("eks.listAssociationIds");
            return associations.getOrDefault(cluster.id(), Map.of()).values().stream()
                    .filter(a -> a.namespace().equals(namespace) && a.serviceAccount().equals(serviceAccount))
                    .map(PodIdentityAssociation::associationId)
                    .toList();
        }

        @Override
        public PodIdentityAssociation describeAssociation(EksClusterArn cluster, String associationId) {
            read("eks.describeAssociation");
            PodIdentityAssociation a = associations.getOrDefault(cluster.id(), Map.of()).get(associationId);
            if (a == null) {
                throw CloudException.of(CloudException.Kind.NOT_FOUND, "ResourceNotFoundException", associationId, null);
            }
            return a;
        }

        @Override
        public PodIdentityAssociation createAssociation(EksClusterArn cluster, PodIdentityAssociation association) {
            write("eks.createAssociation", association.namespace() + "/" + association.serviceAccount() + " "
                    + association.roleArn());
            // EKS generates an external id for an association with a target role
            PodIdentityAssociation stored = association.targetRoleArn() == null ? association
                    : new PodIdentityAssociation(null, association.namespace(), association.serviceAccount(),
                    association.roleArn(), association.targetRoleArn(), association.disableSessionTags(),
                    association.policy(), "ext-" + nextAssociation, null, association.tags());
            association(cluster, stored.withId(null));
            return associations(cluster).get(associations(cluster).size() - 1);
        }

        @Override
        public PodIdentityAssociation updateAssociation(EksClusterArn cluster, PodIdentityAssociation association) {
            write("eks.updateAssociation", association.associationId() + " " + association.roleArn());
            associations.get(cluster.id()).put(association.associationId(), association);
            return association;
        }

        @Override
        public void deleteAssociation(EksClusterArn cluster, String associationId) {
            write("eks.deleteAssociation", associationId);
            associations.getOrDefault(cluster.id(), new HashMap<>()).remove(associationId);
        }

        /** EKS refuses access entries on a cluster that authenticates only with the ConfigMap. */
        @Override
        public Optional<AccessEntry> describeAccessEntry(EksClusterArn cluster, String principalArn) {
            read("eks.describeAccessEntry");
            if (authenticationModes.getOrDefault(cluster.id(), "API_AND_CONFIG_MAP").equals("CONFIG_MAP")) {
                throw CloudException.of(CloudException.Kind.NOT_READY, "InvalidRequestException", "The cluster's"
                        + " authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this"
                        + " operation.", null);
            }
            return accessEntry(cluster, principalArn);
        }

        @Override
        public AccessEntry createAccessEntry(EksClusterArn cluster, AccessEntry entry) {
            write("eks.createAccessEntry", entry.principalArn() + " " + entry.type());
            accessEntry(cluster, entry, List.of());
            return entry;
        }

        @Override
        public List<AccessEntry.Policy> listAssociatedAccessPolicies(EksClusterArn cluster, String principalArn) {
            read("eks.listAssociatedAccessPolicies");
            return accessPolicies(cluster, principalArn);
        }

        @Override
        public void associateAccessPolicy(EksClusterArn cluster, String principalArn, AccessEntry.Policy policy) {
            write("eks.associateAccessPolicy", principalArn + " " + policy.policyArn() + " " + policy.scopeType()
                    + policy.namespaces());
            List<AccessEntry.Policy> held = accessPolicies.get(cluster.id()).get(principalArn);
            held.removeIf(p -> p.policyArn().equals(policy.policyArn()));
            held.add(policy);
        }
    }

    public final class Iam implements IamPort {
        @Override
        public Optional<IamRole> getRole(String accountId, String roleName) {
            read("iam.getRole");
            return role(accountId, roleName);
        }

        @Override
        public IamRole createRole(String accountId, IamRole role) {
            attempt("iam.createRole");
            if (role(accountId, role.name()).isPresent()) {
                // IAM: "EntityAlreadyExists: The request was rejected because it attempted to create a resource that
                // already exists" (409).
                throw CloudException.of(CloudException.Kind.CONFLICT, "EntityAlreadyExists", "Role with name "
                        + role.name() + " already exists.", null);
            }
            IamRole created = new IamRole(role.name(), role.path(), "arn:aws:iam::" + accountId + ":role" + role.path()
                    + role.name(), role.trustPolicy(), role.permissionsBoundaryArn(), role.tags());
            role(accountId, created, List.of());
            written("iam.createRole", role.name());
            return created;
        }

        @Override
        public void updateAssumeRolePolicy(String accountId, String roleName, String policyDocument) {
            write("iam.updateAssumeRolePolicy", roleName);
            IamRole r = role(accountId, roleName).orElseThrow();
            roles.get(accountId).put(roleName, new IamRole(r.name(), r.path(), r.arn(), policyDocument,
                    r.permissionsBoundaryArn(), r.tags()));
        }

        @Override
        public List<String> listAttachedPolicyArns(String accountId, String roleName) {
            read("iam.listAttachedPolicyArns");
            return attachedPolicies(accountId, roleName);
        }

        @Override
        public void attachRolePolicy(String accountId, String roleName, String policyArn) {
            write("iam.attachRolePolicy", roleName + " " + policyArn);
            List<String> attached = attachedPolicies.computeIfAbsent(roleKey(accountId, roleName), k -> new ArrayList<>());
            if (!attached.contains(policyArn)) {
                attached.add(policyArn);
            }
        }

        @Override
        public void putPermissionsBoundary(String accountId, String roleName, String boundaryArn) {
            write("iam.putPermissionsBoundary", roleName + " " + boundaryArn);
            IamRole r = role(accountId, roleName).orElseThrow();
            roles.get(accountId).put(roleName, new IamRole(r.name(), r.path(), r.arn(), r.trustPolicy(), boundaryArn,
                    r.tags()));
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private void read(String operation) {
        attempt(operation);
    }

    private void write(String operation, String what) {
        attempt(operation);
        written(operation, what);
    }

    private void written(String operation, String what) {
        writes.add(operation + " " + what);
        Deque<CloudException> lost = lostAnswers.get(operation);
        if (lost != null && !lost.isEmpty()) {
            throw lost.poll();
        }
    }

    private void attempt(String operation) {
        calls.merge(operation, 1, Integer::sum);
        everyCall.accept(operation);
        Deque<Runnable> other = otherWriters.get(operation);
        if (other != null && !other.isEmpty()) {
            other.poll().run();
        }
        Deque<CloudException> queue = faults.get(operation);
        if (queue != null && !queue.isEmpty()) {
            throw queue.poll();
        }
    }

    private static <V> V existing(Map<String, V> map, AzureResourceId id) {
        V v = map.get(key(id));
        if (v == null) {
            throw CloudException.of(CloudException.Kind.NOT_FOUND, "ResourceNotFound", "not found: " + id.id(), null);
        }
        return v;
    }

    private static String key(Target target) {
        return target instanceof AzureResourceId ? lower(target.id()) : target.id();
    }

    private static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
