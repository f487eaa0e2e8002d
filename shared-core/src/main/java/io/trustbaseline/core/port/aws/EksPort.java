package io.trustbaseline.core.port.aws;

import io.trustbaseline.core.target.EksClusterArn;

import java.util.List;
import java.util.Optional;

/** EKS add-ons, Pod Identity associations and access entries of one cluster. Each method is one EKS API operation. */
public interface EksPort {

    /** DescribeAddon; empty when the add-on is not installed. */
    Optional<Addon> describeAddon(EksClusterArn cluster, String addonName);

    /** CreateAddon; {@code addonVersion} null means the default version. */
    Addon createAddon(EksClusterArn cluster, String addonName, String addonVersion);

    /** ListPodIdentityAssociations filtered by namespace and service account (following nextToken). */
    List<String> listAssociationIds(EksClusterArn cluster, String namespace, String serviceAccount);

    PodIdentityAssociation describeAssociation(EksClusterArn cluster, String associationId);

    PodIdentityAssociation createAssociation(EksClusterArn cluster, PodIdentityAssociation association);

    /** UpdatePodIdentityAssociation of {@code association.associationId()}. */
    PodIdentityAssociation updateAssociation(EksClusterArn cluster, PodIdentityAssociation association);

    void deleteAssociation(EksClusterArn cluster, String associationId);

    /**
     * DescribeAccessEntry; empty when the principal has no access entry. On a cluster whose authentication mode is
     * CONFIG_MAP EKS answers InvalidRequestException (a {@link io.trustbaseline.core.port.CloudException} of that code).
     */
    Optional<AccessEntry> describeAccessEntry(EksClusterArn cluster, String principalArn);

    /** CreateAccessEntry of {@code entry.type()} with {@code entry.tags()}. */
    AccessEntry createAccessEntry(EksClusterArn cluster, AccessEntry entry);

    /** ListAssociatedAccessPolicies of the principal's access entry (following nextToken). */
    List<AccessEntry.Policy> listAssociatedAccessPolicies(EksClusterArn cluster, String principalArn);

    /** AssociateAccessPolicy: associates the policy with the entry, or sets its scope when it is associated already. */
    void associateAccessPolicy(EksClusterArn cluster, String principalArn, AccessEntry.Policy policy);
}
