package io.trustbaseline.core.port.azure;

/** A role a location offers to a source resource type, e.g. {@code Microsoft.MachineLearningServices/workspaces} + {@code mlworkload}. */
public record TrustedAccessRole(String sourceResourceType, String name) {
    /** The role as bindings name it: {@code Microsoft.MachineLearningServices/workspaces/mlworkload}. */
    public String fullName() {
        return sourceResourceType + "/" + name;
    }
}
