package io.trustbaseline.azure.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.port.azure.Workspace;
import io.trustbaseline.core.port.azure.WorkspacePort;
import io.trustbaseline.core.target.AzureResourceId;

/** Azure Machine Learning workspaces, by a generic ARM GET (the project carries no workspace library). */
public final class ArmWorkspaces implements WorkspacePort {
    private final ArmConnection arm;

    public ArmWorkspaces(ArmConnection arm) {
        this.arm = arm;
    }

    @Override
    public Workspace get(AzureResourceId workspace) {
        return workspace(arm.get(workspace.id(), ArmConnection.WORKSPACES_API_VERSION));
    }

    /** What the setting reads of a workspace, from ARM's workspace (a GET's or a list's). */
    static Workspace workspace(JsonNode body) {
        JsonNode properties = body.path("properties");
        JsonNode identity = body.path("identity");
        return new Workspace(properties.path("hbiWorkspace").asBoolean(false),
                properties.path("storageAccount").asText(null),
                identity.path("type").asText(null), identity.path("principalId").asText(null));
    }
}
