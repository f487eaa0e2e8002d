package io.trustbaseline.core.port.aws;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** An IAM role as trust-baseline reads and creates it. {@code arn} is null for a role not created yet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IamRole(String name, String path, String arn, String trustPolicy, String permissionsBoundaryArn,
                      Map<String, String> tags) {
    public IamRole {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
