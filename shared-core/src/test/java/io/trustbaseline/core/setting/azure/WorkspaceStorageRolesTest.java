package io.trustbaseline.core.setting.azure;

import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.port.azure.RoleAssignment;
import io.trustbaseline.core.port.azure.Workspace;
import io.trustbaseline.core.reconcile.TestContexts;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.PlanAction;
import io.trustbaseline.core.setting.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.trustbaseline.core.fake.Fixtures.AZURE_READY;
import static io.trustbaseline.core.fake.Fixtures.STORAGE;
import static io.trustbaseline.core.fake.Fixtures.WORKSPACE;
import static io.trustbaseline.core.fake.Fixtures.readyCloud;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceStorageRolesTest {
    private static final String PRINCIPAL = "11111111-2222-3333-4444-555555555555";

    private final FakeCloud cloud = readyCloud();

    private Plan plan(boolean hbiOnly) {
        return new WorkspaceStorageRoles().plan(new WorkspaceStorageRoles.Item(hbiOnly), Action.ENSURE,
                TestContexts.of(WORKSPACE, AZURE_READY, cloud.ports()));
    }

    @Test
    void anHbiWorkspaceGetsBothStorageRolesUnderDeterministicNamesAndASecondRunNone() {
        cloud.workspace(WORKSPACE, new Workspace(true, STORAGE.id(), "SystemAssigned", PRINCIPAL));

        Plan step = plan(true);
        assertEquals(PlanAction.CREATE, step.action());
        step.change().apply();

        List<RoleAssignment> created = cloud.roleAssignments();
        assertEquals(Set.of(WorkspaceStorageRoles.STORAGE_BLOB_DATA_CONTRIBUTOR, WorkspaceStorageRoles.STORAGE_ACCOUNT_CONTRIBUTOR),
                created.stream().map(RoleAssignment::roleDefinitionId).collect(Collectors.toSet()));
        for (RoleAssignment a : created) {
            assertEquals(STORAGE.id(), a.scope());
            assertEquals(PRINCIPAL, a.principalId());
            assertEquals(WorkspaceStorageRoles.assignmentName(STORAGE.id(), a.roleDefinitionId(), PRINCIPAL), a.name());
        }
        assertEquals(2, cloud.writes().size());

        assertEquals(PlanAction.NOOP, plan(true).action());
        assertEquals(2, cloud.writes().size(), "the second run writes nothing");
    }

    @Test
    void assignmentNamesAreStableGuidsThatIgnoreCaseAndDifferPerRole() {
        String a = WorkspaceStorageRoles.assignmentName(STORAGE.id(), WorkspaceStorageRoles.STORAGE_BLOB_DATA_CONTRIBUTOR, PRINCIPAL);
        assertEquals(a, WorkspaceStorageRoles.assignmentName(STORAGE.id().toUpperCase(),
                WorkspaceStorageRoles.STORAGE_BLOB_DATA_CONTRIBUTOR, PRINCIPAL.toUpperCase()));
        assertNotEquals(a, WorkspaceStorageRoles.assignmentName(STORAGE.id(),
                WorkspaceStorageRoles.STORAGE_ACCOUNT_CONTRIBUTOR, PRINCIPAL));
        assertTrue(a.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), a);
    }

    @Test
    void onlyTheMissingRoleIsGranted() {
        cloud.workspace(WORKSPACE, new Workspace(true, STORAGE.id(), "SystemAssigned", PRINCIPAL));
        cloud.roleAssignmentPort.create(new RoleAssignment("existing", STORAGE.id(),
                WorkspaceStorageRoles.STORAGE_BLOB_DATA_CONTRIBUTOR, PRINCIPAL));
        int before = cloud.writes().size();

        Plan step = plan(true);
        step.change().apply();

        assertEquals(1, cloud.writes().size() - before);
        assertTrue(cloud.writes().get(before).contains(WorkspaceStorageRoles.STORAGE_ACCOUNT_CONTRIBUTOR));
    }

    @Test
    void aWorkspaceThatIsNotHbiIsANoopWhenTheBaselineAsksHbiOnly() {
        cloud.workspace(WORKSPACE, new Workspace(false, STORAGE.id(), "SystemAssigned", PRINCIPAL));

        Plan step = plan(true);

        assertEquals(PlanAction.NOOP, step.action());
        assertTrue(step.message().contains("not an HBI workspace"), step.message());
        assertTrue(cloud.writes().isEmpty());
        assertEquals(0, cloud.calls("roleAssignments.list"));
    }

    @Test
    void aWorkspaceWithoutASystemAssignedIdentityIsBlocked() {
        cloud.workspace(WORKSPACE, new Workspace(true, STORAGE.id(), "UserAssigned", null));

        Plan step = plan(true);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertTrue(step.message().contains("no system-assigned managed identity"), step.message());
        assertTrue(cloud.writes().isEmpty());
    }
}
