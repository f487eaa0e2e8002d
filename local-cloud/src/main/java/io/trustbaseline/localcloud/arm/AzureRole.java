package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.DeploymentFile;
import io.trustbaseline.localcloud.Permissions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The function's custom role as infra/azure/permissions.json defines it (main.bicep loads the same file): its actions,
 * where {@code *} matches any characters and case does not matter, as in Azure RBAC; and its ABAC condition, which lets
 * {@code Microsoft.Authorization/roleAssignments/write} grant only the listed role definitions
 * ({@code @Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {...}}).
 */
public final class AzureRole implements Permissions {
    static final String ROLE_ASSIGNMENT_WRITE = "Microsoft.Authorization/roleAssignments/write";
    /** The attribute the condition reads: the GUID of the role definition being assigned. */
    static final String ROLE_DEFINITION_ID = "Microsoft.Authorization/roleAssignments:RoleDefinitionId";

    private final List<String> actions;
    private final List<String> assignableRoleDefinitionIds;

    private AzureRole(List<String> actions, List<String> assignableRoleDefinitionIds) {
        this.actions = List.copyOf(actions);
        this.assignableRoleDefinitionIds = List.copyOf(assignableRoleDefinitionIds);
    }

    /** The role the deployment creates. */
    public static AzureRole deployment() {
        JsonNode file = DeploymentFile.json("azure/permissions.json");
        return new AzureRole(texts(file.path("actions")), texts(file.path("assignableRoleDefinitionIds")));
    }

    @Override
    public boolean allows(Access access) {
        return grants(access.action()) && conditionHolds(access);
    }

    /** Whether an action is among the role's actions, whatever the condition says. */
    boolean grants(String action) {
        return actions.stream().anyMatch(granted -> pattern(granted).matcher(action).matches());
    }

    private boolean conditionHolds(Access access) {
        if (!access.action().equalsIgnoreCase(ROLE_ASSIGNMENT_WRITE)) {
            return true;
        }
        return access.context().getOrDefault(ROLE_DEFINITION_ID, List.of()).stream()
                .anyMatch(id -> assignableRoleDefinitionIds.stream().anyMatch(id::equalsIgnoreCase));
    }

    @Override
    public List<String> actions() {
        return actions;
    }

    @Override
    public AzureRole without(String action) {
        List<String> fewer = new ArrayList<>(actions);
        if (!fewer.remove(action)) {
            throw new IllegalArgumentException("the role does not grant " + action);
        }
        return new AzureRole(fewer, assignableRoleDefinitionIds);
    }

    private static Pattern pattern(String action) {
        StringBuilder regex = new StringBuilder();
        for (String part : action.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
