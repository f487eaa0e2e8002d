package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.LocalRequest;
import io.trustbaseline.localcloud.World;

import java.util.List;
import java.util.Map;

/**
 * What AWS calls ask of the caller's IAM policy, and how AWS words a refusal. The caller's account is its access key
 * id (the convention of {@link AwsWorld}); it is the {@code aws:PrincipalAccount} of every access.
 */
final class AwsAccess {
    /** The service a Pod Identity association passes its role to (the trust policy's principal). */
    static final String POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";

    private AwsAccess() { }

    static String account(LocalRequest request) {
        return LocalCloud.awsAccessKeyId(request);
    }

    static Access of(LocalRequest request, String action, String resource) {
        return new Access(action, resource, Map.of(IamPolicy.PRINCIPAL_ACCOUNT, List.of(String.valueOf(account(request)))));
    }

    /** iam:PassRole of {@code roleArn} to {@code service}, which IAM checks for the call that hands the role over. */
    static Access passRole(LocalRequest request, String roleArn, String service) {
        return of(request, "iam:PassRole", roleArn).with("iam:PassedToService", List.of(service));
    }

    /**
     * The text IAM's authorization gives for an implicit deny, as in the IAM User Guide's "Troubleshoot access denied
     * error messages": {@code User: <caller> is not authorized to perform: <action> on resource: <resource> because no
     * identity-based policy allows the <action> action}.
     */
    static String deniedMessage(Access denied, LocalRequest request, World world) {
        String caller = world.locked(root -> callerArn(root, request));
        String onResource = denied.resource().equals("*") ? "" : " on resource: " + denied.resource();
        return "User: " + caller + " is not authorized to perform: " + denied.action() + onResource
                + " because no identity-based policy allows the " + denied.action() + " action";
    }

    private static String callerArn(ObjectNode root, LocalRequest request) {
        try {
            return StsService.caller(root, account(request), request).arn();
        } catch (AwsError unknownKey) {
            return "arn:aws:iam::" + account(request) + ":user/local-cloud";
        }
    }
}
