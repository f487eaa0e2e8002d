package io.trustbaseline.aws;

import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.aws.IamPort;
import io.trustbaseline.core.port.aws.IamRole;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link IamPort} on the IAM SDK client of the role's account. */
public final class IamAdapter implements IamPort {
    private final AwsClients clients;

    public IamAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<IamRole> getRole(String accountId, String roleName) {
        return CloudException.emptyIfNotFound(() -> role(AwsErrors.call("iam:GetRole",
                () -> clients.iam(accountId).getRole(r -> r.roleName(roleName)).role())));
    }

    /** Tags on create need iam:TagRole too; the role is born tagged, so it is never seen unmarked. */
    @Override
    public IamRole createRole(String accountId, IamRole role) {
        List<Tag> tags = role.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
        return role(AwsErrors.call("iam:CreateRole", () -> clients.iam(accountId).createRole(r -> r.roleName(role.name())
                .path(role.path()).assumeRolePolicyDocument(role.trustPolicy())
                .permissionsBoundary(role.permissionsBoundaryArn()).tags(tags)).role()));
    }

    @Override
    public void updateAssumeRolePolicy(String accountId, String roleName, String policyDocument) {
        AwsErrors.call("iam:UpdateAssumeRolePolicy", () -> clients.iam(accountId)
                .updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(policyDocument)));
    }

    @Override
    public List<String> listAttachedPolicyArns(String accountId, String roleName) {
        return AwsErrors.call("iam:ListAttachedRolePolicies", () -> clients.iam(accountId)
                .listAttachedRolePoliciesPaginator(r -> r.roleName(roleName))
                .attachedPolicies().stream().map(AttachedPolicy::policyArn).toList());
    }

    @Override
    public void attachRolePolicy(String accountId, String roleName, String policyArn) {
        AwsErrors.call("iam:AttachRolePolicy", () -> clients.iam(accountId)
                .attachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn)));
    }

    @Override
    public void putPermissionsBoundary(String accountId, String roleName, String boundaryArn) {
        AwsErrors.call("iam:PutRolePermissionsBoundary", () -> clients.iam(accountId)
                .putRolePermissionsBoundary(r -> r.roleName(roleName).permissionsBoundary(boundaryArn)));
    }

    /** IAM sends the trust policy URL-encoded JSON. */
    private static IamRole role(Role r) {
        String trust = r.assumeRolePolicyDocument() == null ? null
                : URLDecoder.decode(r.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
        Map<String, String> tags = new LinkedHashMap<>();
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        return new IamRole(r.roleName(), r.path(), r.arn(), trust,
                r.permissionsBoundary() == null ? null : r.permissionsBoundary().permissionsBoundaryArn(), tags);
    }
}
