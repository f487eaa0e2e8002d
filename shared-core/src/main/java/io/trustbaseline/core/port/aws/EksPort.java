package io.trustbaseline.core.port.aws;

import io.trustbaseline.core.target.EksClusterArn;

import java.util.List;
import java.util.Optional;

/** EKS add-ons and Pod Identity associations of one cluster. Each method is one EKS API operation. */
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
}
