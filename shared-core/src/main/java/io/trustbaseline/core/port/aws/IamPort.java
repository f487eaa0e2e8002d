package io.trustbaseline.core.port.aws;

import java.util.List;
import java.util.Optional;

/** IAM roles of one account. Each method is one IAM API operation. */
public interface IamPort {

    /** GetRole; the trust policy comes back decoded (IAM sends it URL-encoded). */
    Optional<IamRole> getRole(String accountId, String roleName);

    IamRole createRole(String accountId, IamRole role);

    void updateAssumeRolePolicy(String accountId, String roleName, String policyDocument);

    /** ListAttachedRolePolicies, following the marker. */
    List<String> listAttachedPolicyArns(String accountId, String roleName);

    void attachRolePolicy(String accountId, String roleName, String policyArn);

    void putPermissionsBoundary(String accountId, String roleName, String boundaryArn);
}
