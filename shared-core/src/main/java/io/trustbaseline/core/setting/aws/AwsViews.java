package io.trustbaseline.core.setting.aws;

import io.trustbaseline.core.port.aws.AccessEntry;
import io.trustbaseline.core.port.aws.IamRole;
import io.trustbaseline.core.port.aws.PodIdentityAssociation;
import io.trustbaseline.core.reconcile.HeldView;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The views of IAM and EKS resources the AWS settings hold while they reconcile one cluster (see {@link HeldView}). */
final class AwsViews {
    private AwsViews() { }

    /**
     * GetRole's answer for a role name, empty when there is none. IAM role names are unique in an account whatever
     * their case, and GetRole answers any spelling with the one role, so the name is compared without case.
     */
    static HeldView<Optional<IamRole>> role(String accountId, String roleName) {
        return new HeldView<>("iam-role", accountId + "/" + roleName.toLowerCase(Locale.ROOT));
    }

    /** ListAttachedRolePolicies' answer for a role name: the ARNs of the managed policies attached to it. */
    static HeldView<List<String>> attachedPolicies(String accountId, String roleName) {
        return new HeldView<>("iam-role-attached-policies", accountId + "/" + roleName.toLowerCase(Locale.ROOT));
    }

    /** The cluster's association of a service account, empty when there is none (one cluster per work item). */
    static HeldView<Optional<PodIdentityAssociation>> association(String namespace, String serviceAccount) {
        return new HeldView<>("eks-pod-identity-association", namespace + "/" + serviceAccount);
    }

    /** The cluster's access entry of an IAM principal, empty when there is none (ARNs compare with case, as EKS's). */
    static HeldView<Optional<AccessEntry>> accessEntry(String principalArn) {
        return new HeldView<>("eks-access-entry", principalArn);
    }

    /** The access policies associated with the cluster's access entry of an IAM principal. */
    static HeldView<List<AccessEntry.Policy>> accessPolicies(String principalArn) {
        return new HeldView<>("eks-access-policies", principalArn);
    }
}
