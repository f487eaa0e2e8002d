package io.trustbaseline.localcloud.arm;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.authorization.fluent.RoleAssignmentsClient;
import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import com.azure.resourcemanager.authorization.models.PrincipalType;
import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.trustbaseline.localcloud.arm.TestWorlds.ACCOUNT_CONTRIBUTOR;
import static io.trustbaseline.localcloud.arm.TestWorlds.BLOB_DATA_CONTRIBUTOR;
import static io.trustbaseline.localcloud.arm.TestWorlds.STORAGE_ID;
import static io.trustbaseline.localcloud.arm.TestWorlds.SUB;
import static io.trustbaseline.localcloud.arm.TestWorlds.WORKSPACE_PRINCIPAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RoleAssignmentsTest {
    private static final String NAME = "6f1d9c1e-3f0a-4a51-9d27-5a0c7a9e0001";
    private static final String OTHER_NAME = "6f1d9c1e-3f0a-4a51-9d27-5a0c7a9e0002";

    private LocalCloud cloud;
    private RoleAssignmentsClient assignments;

    @BeforeEach
    void start() {
        cloud = LocalCloud.start(TestWorlds.standard(), List.of(ArmService.create()));
        assignments = LocalArm.connect(cloud.endpoint(), SUB).authorization().roleServiceClient().getRoleAssignments();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static RoleAssignmentCreateParameters grant(String roleGuid) {
        return new RoleAssignmentCreateParameters()
                .withRoleDefinitionId("/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid)
                .withPrincipalId(WORKSPACE_PRINCIPAL)
                .withPrincipalType(PrincipalType.SERVICE_PRINCIPAL);
    }

    /** The SDK sends {@code $filter} as given (it is declared pre-encoded), so the caller encodes it. */
    private static String encoded(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private List<RoleAssignmentInner> forPrincipal(String scope, String filter) {
        return assignments.listForScope(scope, encoded(filter), null, null, Context.NONE).stream().toList();
    }

    @Test
    void thePutOfTheSameAssignmentTwiceIs201Then200WithoutADuplicate() {
        RoleAssignmentInner created = assignments.create(STORAGE_ID, NAME, grant(BLOB_DATA_CONTRIBUTOR));
        assignments.create(STORAGE_ID, NAME, grant(BLOB_DATA_CONTRIBUTOR));

        assertEquals(List.of(201, 200), cloud.calls().calls().stream().map(c -> c.status()).toList());
        assertEquals("/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleDefinitions/" + BLOB_DATA_CONTRIBUTOR,
                created.roleDefinitionId());
        assertEquals(STORAGE_ID, created.scope());
        assertEquals(STORAGE_ID + "/providers/Microsoft.Authorization/roleAssignments/" + NAME, created.id());
        JsonNode stored = World.parse(cloud.world().dump()).root().at("/azure/subscriptions/" + SUB + "/roleAssignments");
        assertEquals(1, stored.size());
        assertEquals(BLOB_DATA_CONTRIBUTOR, stored.get(0).path("roleDefinitionId").asText());
    }

    @Test
    void anotherNameForTheSameScopeRoleAndPrincipalIsRoleAssignmentExists() {
        assignments.create(STORAGE_ID, NAME, grant(BLOB_DATA_CONTRIBUTOR));
        ManagementException conflict = assertThrows(ManagementException.class,
                () -> assignments.create(STORAGE_ID, OTHER_NAME, grant(BLOB_DATA_CONTRIBUTOR)));
        assertEquals(409, conflict.getResponse().getStatusCode());
        assertEquals("RoleAssignmentExists", conflict.getValue().getCode());
    }

    @Test
    void aNameThatIsNotAGuidIsRefused() {
        ManagementException refused = assertThrows(ManagementException.class,
                () -> assignments.create(STORAGE_ID, "not-a-guid", grant(BLOB_DATA_CONTRIBUTOR)));
        assertEquals("InvalidRoleAssignmentId", refused.getValue().getCode());
    }

    @Test
    void listForScopeFiltersByPrincipalAndAtScope() {
        assignments.create(STORAGE_ID, NAME, grant(BLOB_DATA_CONTRIBUTOR));
        assignments.create(STORAGE_ID, OTHER_NAME, grant(ACCOUNT_CONTRIBUTOR));
        String principal = "principalId eq '" + WORKSPACE_PRINCIPAL + "'";

        assertEquals(2, forPrincipal(STORAGE_ID, principal).size());
        assertEquals(2, forPrincipal(STORAGE_ID, "atScope() and " + principal).size());
        assertEquals(0, forPrincipal(STORAGE_ID, "principalId eq 'someone-else'").size());
        String resourceGroup = STORAGE_ID.substring(0, STORAGE_ID.indexOf("/providers/"));
        // Below the scope counts without atScope(), not with it.
        assertEquals(2, forPrincipal(resourceGroup, principal).size());
        assertEquals(0, forPrincipal(resourceGroup, "atScope()").size());
    }

    @Test
    void aSeededAssignmentIsListedWithAStableName() {
        World world = World.parse("""
            { "azure": { "subscriptions": { "%s": { "resourceGroups": {},
              "roleAssignments": [ { "scope": "%s", "roleDefinitionId": "%s", "principalId": "%s" } ] } } } }
            """.formatted(SUB, STORAGE_ID, ACCOUNT_CONTRIBUTOR, WORKSPACE_PRINCIPAL));
        try (LocalCloud seeded = LocalCloud.start(world, List.of(ArmService.create()))) {
            RoleAssignmentsClient client = LocalArm.connect(seeded.endpoint(), SUB).authorization().roleServiceClient()
                    .getRoleAssignments();
            RoleAssignmentInner listed = client.listForScope(STORAGE_ID, encoded("atScope()"), null, null, Context.NONE)
                    .stream().findFirst().orElseThrow();
            assertEquals(WORKSPACE_PRINCIPAL, listed.principalId());
            assertEquals(listed.name(), client.listForScope(STORAGE_ID).stream().findFirst().orElseThrow().name());
            ManagementException again = assertThrows(ManagementException.class,
                    () -> client.create(STORAGE_ID, NAME, grant(ACCOUNT_CONTRIBUTOR)));
            assertEquals("RoleAssignmentExists", again.getValue().getCode());
        }
    }
}
