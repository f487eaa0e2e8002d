package io.trustbaseline.aws;

import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.aws.AccessEntry;
import io.trustbaseline.core.port.aws.Addon;
import io.trustbaseline.core.port.aws.EksPort;
import io.trustbaseline.core.port.aws.PodIdentityAssociation;
import io.trustbaseline.core.target.EksClusterArn;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AddonIssue;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;

import java.util.List;
import java.util.Optional;

/** {@link EksPort} on the EKS SDK client of the cluster's account and region. */
public final class EksAdapter implements EksPort {
    private final AwsClients clients;

    public EksAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<Addon> describeAddon(EksClusterArn cluster, String addonName) {
        return CloudException.emptyIfNotFound(() -> addon(AwsErrors.call("eks:DescribeAddon", () -> eks(cluster)
                .describeAddon(r -> r.clusterName(cluster.name()).addonName(addonName)).addon())));
    }

    @Override
    public Addon createAddon(EksClusterArn cluster, String addonName, String addonVersion) {
        return addon(AwsErrors.call("eks:CreateAddon", () -> eks(cluster)
                .createAddon(r -> r.clusterName(cluster.name()).addonName(addonName).addonVersion(addonVersion)).addon()));
    }

    @Override
    public List<String> listAssociationIds(EksClusterArn cluster, String namespace, String serviceAccount) {
        return AwsErrors.call("eks:ListPodIdentityAssociations", () -> eks(cluster)
                .listPodIdentityAssociationsPaginator(r -> r.clusterName(cluster.name()).namespace(namespace)
                        .serviceAccount(serviceAccount))
                .associations().stream().map(PodIdentityAssociationSummary::associationId).toList());
    }

    @Override
    public PodIdentityAssociation describeAssociation(EksClusterArn cluster, String associationId) {
        return association(AwsErrors.call("eks:DescribePodIdentityAssociation", () -> eks(cluster)
                .describePodIdentityAssociation(r -> r.clusterName(cluster.name()).associationId(associationId))
                .association()));
    }

    @Override
    public PodIdentityAssociation createAssociation(EksClusterArn cluster, PodIdentityAssociation a) {
        return association(AwsErrors.call("eks:CreatePodIdentityAssociation", () -> eks(cluster)
                .createPodIdentityAssociation(r -> r.clusterName(cluster.name()).namespace(a.namespace())
                        .serviceAccount(a.serviceAccount()).roleArn(a.roleArn()).targetRoleArn(a.targetRoleArn())
                        .disableSessionTags(a.disableSessionTags()).policy(a.policy()).tags(a.tags()))
                .association()));
    }

    /** A null targetRoleArn or policy is left as it is: the API documents no way to clear one. */
    @Override
    public PodIdentityAssociation updateAssociation(EksClusterArn cluster, PodIdentityAssociation a) {
        return association(AwsErrors.call("eks:UpdatePodIdentityAssociation", () -> eks(cluster)
                .updatePodIdentityAssociation(r -> r.clusterName(cluster.name()).associationId(a.associationId())
                        .roleArn(a.roleArn()).targetRoleArn(a.targetRoleArn()).disableSessionTags(a.disableSessionTags())
                        .policy(a.policy()))
                .association()));
    }

    @Override
    public void deleteAssociation(EksClusterArn cluster, String associationId) {
        AwsErrors.call("eks:DeletePodIdentityAssociation", () -> eks(cluster)
                .deletePodIdentityAssociation(r -> r.clusterName(cluster.name()).associationId(associationId)));
    }

    @Override
    public Optional<AccessEntry> describeAccessEntry(EksClusterArn cluster, String principalArn) {
        return CloudException.emptyIfNotFound(() -> accessEntry(AwsErrors.call("eks:DescribeAccessEntry", () -> eks(cluster)
                .describeAccessEntry(r -> r.clusterName(cluster.name()).principalArn(principalArn)).accessEntry())));
    }

    @Override
    public AccessEntry createAccessEntry(EksClusterArn cluster, AccessEntry entry) {
        return accessEntry(AwsErrors.call("eks:CreateAccessEntry", () -> eks(cluster)
                .createAccessEntry(r -> r.clusterName(cluster.name()).principalArn(entry.principalArn())
                        .type(entry.type()).tags(entry.tags()))
                .accessEntry()));
    }

    @Override
    public List<AccessEntry.Policy> listAssociatedAccessPolicies(EksClusterArn cluster, String principalArn) {
        return AwsErrors.call("eks:ListAssociatedAccessPolicies", () -> eks(cluster)
                .listAssociatedAccessPoliciesPaginator(r -> r.clusterName(cluster.name()).principalArn(principalArn))
                .stream().flatMap(page -> page.associatedAccessPolicies().stream())
                .map(a -> new AccessEntry.Policy(a.policyArn(), a.accessScope().typeAsString(),
                        a.accessScope().namespaces()))
                .toList());
    }

    @Override
    public void associateAccessPolicy(EksClusterArn cluster, String principalArn, AccessEntry.Policy policy) {
        AwsErrors.call("eks:AssociateAccessPolicy", () -> eks(cluster)
                .associateAccessPolicy(r -> r.clusterName(cluster.name()).principalArn(principalArn)
                        .policyArn(policy.policyArn())
                        .accessScope(s -> s.type(policy.scopeType()).namespaces(policy.namespaces()))));
    }

    private EksClient eks(EksClusterArn cluster) {
        return clients.eks(cluster.accountId(), cluster.region());
    }

    private static Addon addon(software.amazon.awssdk.services.eks.model.Addon a) {
        List<String> issues = a.health() == null ? List.of()
                : a.health().issues().stream().map(EksAdapter::issue).toList();
        return new Addon(a.addonName(), a.statusAsString(), a.addonVersion(), issues);
    }

    private static String issue(AddonIssue issue) {
        return issue.codeAsString() + ": " + issue.message();
    }

    private static AccessEntry accessEntry(software.amazon.awssdk.services.eks.model.AccessEntry e) {
        return new AccessEntry(e.principalArn(), e.type(), e.tags());
    }

    private static PodIdentityAssociation association(software.amazon.awssdk.services.eks.model.PodIdentityAssociation a) {
        return new PodIdentityAssociation(a.associationId(), a.namespace(), a.serviceAccount(), a.roleArn(),
                a.targetRoleArn(), a.disableSessionTags(), a.policy(), a.externalId(), a.ownerArn(), a.tags());
    }
}
