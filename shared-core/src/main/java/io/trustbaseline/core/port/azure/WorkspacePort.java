package io.trustbaseline.core.port.azure;

import io.trustbaseline.core.target.AzureResourceId;

/** Azure Machine Learning: GET of {@code Microsoft.MachineLearningServices/workspaces}. */
public interface WorkspacePort {
    Workspace get(AzureResourceId workspace);
}
