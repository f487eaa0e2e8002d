package io.trustbaseline.core.setting.azure;

import io.trustbaseline.core.port.azure.RoleAssignment;
import io.trustbaseline.core.port.azure.RoleAssignmentPort;
import io.trustbaseline.core.port.azure.Workspace;
import io.trustbaseline.core.reconcile.CloudContext;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.CatalogSetting;
import io.trustbaseline.core.setting.SingletonItem;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.setting.contract.Checked;
import io.trustbaseline.core.setting.contract.FieldSpec;
import io.trustbaseline.core.setting.contract.ItemContract;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code workspace-storage-roles}: an (HBI) Azure ML workspace's system-assigned identity holds Storage Blob Data
 * Contributor and Storage Account Contributor on the workspace's storage account. Assignment names derive from
 * scope, role and principal, so a retried create lands on the same assignment instead of a duplicate.
 */
public final class WorkspaceStorageRoles extends CatalogSetting<WorkspaceStorageRoles.Item> {
    public static final String TYPE = "workspace-storage-roles";
    public static final String STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    public static final String STORAGE_ACCOUNT_CONTRIBUTOR = "17d1049b-9a84-46fb-8f53-869881c3d3ab";
    /** The built-in roles by GUID, in the order they are granted. */
    public static final Map<String, String> ROLES = roles();

    public record Item(boolean hbiOnly) implements SingletonItem {
        @Override
        public String type() { return TYPE; }
    }

    /** What the report shows: the workspace identity and the roles it holds on the storage account. */
    public record Grants(String principalId, String storageAccountId, List<String> roles) { }

    public WorkspaceStorageRoles() {
        super(TYPE, Item.class, ItemContract.of("The Azure ML workspace's system-assigned identity holds Storage Blob"
                        + " Data Contributor and Storage Account Contributor on the workspace's storage account.",
                FieldSpec.bool("hbiOnly", "Only HBI workspaces (hbiWorkspace = true) get the roles. A request may"
                        + " not set it to false (guardrail).").defaultValue(true)), AzureResourceTypes.WORKSPACES);
    }

    @Override
    public Item read(Checked item, Action action) {
        return new Item(item.bool("hbiOnly"));
    }

    /** A request grants the storage data roles on the baseline's condition: to HBI workspaces only. */
    @Override
    public void guard(Item item, io.trustbaseline.core.baseline.Guardrails guardrails,
                      io.trustbaseline.core.setting.GuardScope scope, io.trustbaseline.core.target.Target target,
                      String at, io.trustbaseline.core.problem.Problems problems) {
        if (scope == io.trustbaseline.core.setting.GuardScope.REQUEST && !item.hbiOnly()) {
            problems.add(at + ".hbiOnly", "guardrail:hbiOnly", "a request grants the storage data roles only to HBI"
                    + " workspaces, as the baseline does: hbiOnly must stay true");
        }
    }

    @Override
    public Plan plan(Item item, Action action, CloudContext cloud) {
        AzureResourceId id = (AzureResourceId) cloud.target();
        Workspace workspace = cloud.readTarget(Workspace.class, () -> cloud.azure().workspaces().get(id));
        if (item.hbiOnly() && !workspace.hbiWorkspace()) {
            return Plan.noop("not an HBI workspace, and the baseline asks only HBI workspaces for these roles", null);
        }
        if (!workspace.hasSystemAssignedIdentity()) {
            return Plan.blocked("the workspace has no system-assigned managed identity to grant roles to", null);
        }
        if (workspace.storageAccountId() == null) {
            return Plan.blocked("the workspace names no storage account", null);
        }
        String scope = workspace.storageAccountId();
        String principal = workspace.principalId();
        RoleAssignmentPort port = cloud.azure().roleAssignments();
        Set<String> held = cloud.read(() -> port.list(scope, principal)).stream()
                .map(a -> a.roleDefinitionId().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<String> missing = ROLES.keySet().stream().filter(r -> !held.contains(r)).toList();
        Grants before = new Grants(principal, scope, ROLES.entrySet().stream()
                .filter(r -> held.contains(r.getKey())).map(Map.Entry::getValue).toList());
        if (missing.isEmpty()) {
            return Plan.noop("the workspace identity holds both storage roles", before);
        }
        Grants after = new Grants(principal, scope, List.copyOf(ROLES.values()));
        return Plan.create("grant " + missing.stream().map(ROLES::get).collect(Collectors.joining(" and "))
                + " on " + scope, before, after, () -> missing.forEach(role ->
                cloud.write(() -> port.create(new RoleAssignment(assignmentName(scope, role, principal), scope, role, principal)))));
    }

    /** A stable GUID for (scope, role, principal): the same assignment always gets the same name. */
    public static String assignmentName(String scope, String roleDefinitionId, String principalId) {
        String key = scope.toLowerCase(Locale.ROOT) + "|" + roleDefinitionId.toLowerCase(Locale.ROOT) + "|"
                + principalId.toLowerCase(Locale.ROOT);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(STORAGE_BLOB_DATA_CONTRIBUTOR, "Storage Blob Data Contributor");
        roles.put(STORAGE_ACCOUNT_CONTRIBUTOR, "Storage Account Contributor");
        return java.util.Collections.unmodifiableMap(roles);
    }
}
