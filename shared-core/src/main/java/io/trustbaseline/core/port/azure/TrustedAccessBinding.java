package io.trustbaseline.core.port.azure;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A Trusted Access role binding as the cluster holds it (or as the baseline wants it: no provisioning state). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrustedAccessBinding(String name, String sourceResourceId, List<String> roles, String provisioningState) {
    public TrustedAccessBinding {
        roles = List.copyOf(roles);
    }

    public static TrustedAccessBinding desired(String name, String sourceResourceId, List<String> roles) {
        return new TrustedAccessBinding(name, sourceResourceId, roles, null);
    }
}
