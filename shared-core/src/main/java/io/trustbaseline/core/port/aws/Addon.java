package io.trustbaseline.core.port.aws;

import java.util.List;

/** An EKS add-on: {@code status} is CREATING, ACTIVE, CREATE_FAILED, DEGRADED, ...; {@code issues} its health issues. */
public record Addon(String name, String status, String addonVersion, List<String> issues) {
    public Addon {
        issues = issues == null ? List.of() : List.copyOf(issues);
    }
}
