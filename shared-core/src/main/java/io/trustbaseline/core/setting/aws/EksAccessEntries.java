package io.trustbaseline.core.setting.aws;

import io.trustbaseline.core.baseline.Guardrails;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.aws.AccessEntry;
import io.trustbaseline.core.port.aws.EksPort;
import io.trustbaseline.core.port.aws.IamRole;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.reconcile.CloudContext;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.CatalogSetting;
import io.trustbaseline.core.setting.GuardScope;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.setting.contract.Checked;
import io.trustbaseline.core.setting.contract.FieldSpec;
import io.trustbaseline.core.setting.contract.ItemContract;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code eks-access-entries}: an IAM role has an EKS access entry (type STANDARD) on the cluster, with the named EKS
 * access policies associated at the named scope (the whole cluster, or some namespaces). For a baseline's admin and
 * break-glass roles, and for tickets that give a team's role view or edit access to its namespaces.
 * <p>
 * Ownership, as for {@code eks-pod-identity}: the entries trust-baseline creates carry its
 * {@link EksPodIdentity#MANAGED_TAG} tag; any other entry is changed (policies associated) only by a baseline item
 * that says {@code adopt: true}; requests never adopt. Nothing is ever disassociated or deleted: policies the entry
 * holds beyond the item's are left as they are.
 * <p>
 * The principal is an IAM role of the cluster's own account, and it must be the role IAM returns for its name,
 * compared in full (partition, account, path, name). A role of another account is refused: the deployment can read
 * IAM only where it is deployed, so it could not check that the role is the one asked.
 */
public final class EksAccessEntries extends CatalogSetting<EksAccessEntries.Item> {
    public static final String TYPE = "eks-access-entries";
    /**
     * The EKS access policies (ListAccessPolicies: {@code arn:aws:eks::aws:cluster-access-policy/<name>}); they are
     * EKS's, not IAM policies, and not in any account.
     */
    public static final Pattern ACCESS_POLICY_ARN = Pattern.compile(
            "^arn:(aws|aws-cn|aws-us-gov):eks::aws:cluster-access-policy/[A-Za-z0-9]{1,128}$");
    /** At most this many policies per item: EKS documents no limit per entry; the catalog holds fewer than 30. */
    static final int MAX_POLICIES = 20;
    static final int MAX_NAMESPACES = 50;
    /** Which principals a request may give an access entry: globs of role ARNs, compared in full with case (IAM). */
    public static final FieldSpec TICKET_ACCESS_PRINCIPAL_ARNS = FieldSpec.strings("ticketAccessPrincipalArns",
                    "Globs of IAM role ARNs a request may give an EKS access entry, compared in full (path included)"
                    + " with case, as IAM compares ARNs. Deny by default: absent or empty, requests grant no cluster"
                    + " access.")
            .pattern(EksPodIdentity.ROLE_ARN_GLOB, "an IAM role ARN, '*' allowed").length(1, 2048).items(0, 1000);
    /** Which access policies a request may associate: spelled exactly, so an admin policy needs its own ARN listed. */
    public static final FieldSpec TICKET_ACCESS_POLICY_ARNS = FieldSpec.strings("ticketAccessPolicyArns", "EKS access"
                    + " policy ARNs a request may associate, spelled exactly (no '*': an admin policy is granted only"
                    + " when listed by its own ARN).")
            .pattern(ACCESS_POLICY_ARN, "an EKS access policy ARN spelled exactly, such as"
                    + " arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy (no '*')").items(0, 100);

    private static final ItemContract SCOPE = ItemContract.of("Where the access policy applies: the whole cluster, or"
                    + " the named namespaces.",
            FieldSpec.string("type", "cluster (every namespace) or namespace (the namespaces listed).").required()
                    .pattern(Pattern.compile("^(cluster|namespace)$"), "cluster or namespace"),
            FieldSpec.strings("namespaces", "The namespaces of a namespace scope: DNS-1123 labels.")
                    .pattern(EksPodIdentity.NAMESPACE, "a Kubernetes namespace (DNS-1123 label)").length(1, 63)
                    .items(0, MAX_NAMESPACES))
            // The model (eks-2017-11-01 service-2.json, AccessScope.namespaces): "A value is required if you
            // specified namespace for Type"; a cluster scope covers every namespace, so namespaces there would mislead.
            .requiredWhen("type", AccessEntry.Policy.NAMESPACE, "namespaces", "required",
                    "a namespace scope names at least one namespace")
            .forbiddenWhen("type", AccessEntry.Policy.CLUSTER, "namespaces", "cluster-scope",
                    "a cluster scope covers every namespace: leave namespaces out, or use type: namespace");

    private static final ItemContract POLICY = ItemContract.of("One EKS access policy and its scope.",
            FieldSpec.string("policyArn", "An EKS access policy (ListAccessPolicies), such as"
                            + " arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy; each at most once per item.")
                    .required().pattern(ACCESS_POLICY_ARN, "an EKS access policy ARN such as"
                            + " arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"),
            FieldSpec.object("accessScope", "Where the access policy applies.", SCOPE).required());

    private static final ItemContract CONTRACT = ItemContract.of("An EKS access entry (type STANDARD) of an IAM role of"
                    + " the cluster's account, with the EKS access policies associated at their scope. The item's name"
                    + " is the principalArn. The role must be the one IAM returns for its name, compared in full (path"
                    + " included). Entries trust-baseline did not create (no trust-baseline:managed tag) are changed"
                    + " only by a baseline item with adopt: true; nothing is ever disassociated or deleted.",
            FieldSpec.string("principalArn", "The IAM role given access, in the cluster's account:"
                            + " arn:<partition>:iam::<account>:role/<path><name>.").required()
                    .pattern(EksPodIdentity.ROLE_ARN, "an IAM role ARN such as arn:aws:iam::111122223333:role/platform/"
                            + "cluster-admin (access entries of this setting are for roles)").length(1, 2048),
            FieldSpec.objects("accessPolicies", "The EKS access policies the entry holds, each with its scope.", POLICY)
                    .required().items(1, MAX_POLICIES),
            FieldSpec.bool("adopt", "The baseline takes over an existing access entry trust-baseline did not create."
                            + " Only the baseline adopts.").defaultValue(false)
                    .baselineOnly("only the baseline adopts an access entry trust-baseline did not create"))
            .guardrails(TICKET_ACCESS_PRINCIPAL_ARNS, TICKET_ACCESS_POLICY_ARNS, EksPodIdentity.PROTECTED_NAMESPACES);

    /** EKS's refusal of an access-entry call on a cluster whose authentication mode is CONFIG_MAP. */
    private static final String INVALID_REQUEST = "InvalidRequestException";

    /** {@code adopt}: the baseline takes over an existing entry trust-baseline did not create. */
    public record Item(String principalArn, List<AccessEntry.Policy> accessPolicies, boolean adopt) implements SettingItem {
        public Item {
            accessPolicies = List.copyOf(accessPolicies);
        }

        @Override
        public String type() { return TYPE; }

        @Override
        public String name() { return principalArn; }
    }

    /** What the report shows before and after. */
    public record Grant(AccessEntry entry, List<AccessEntry.Policy> accessPolicies) {
        public Grant {
            accessPolicies = List.copyOf(accessPolicies);
        }
    }

    public EksAccessEntries() {
        super(TYPE, Item.class, CONTRACT, EksClusterArn.RESOURCE_TYPE);
    }

    @Override
    public Item read(Checked item, Action action) {
        List<AccessEntry.Policy> policies = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Checked p : item.objects("accessPolicies")) {
            Checked scope = p.object("accessScope");
            String arn = p.string("policyArn");
            // uniqueness by one field of the array's objects: JSON Schema's uniqueItems compares whole items only
            if (arn != null && !seen.add(arn)) {
                p.problems().add(p.at("policyArn"), "unique", arn + " is named twice: an access policy has one scope"
                        + " per entry");
            } else if (arn != null && scope != null && scope.string("type") != null) {
                policies.add(new AccessEntry.Policy(arn, scope.string("type"), scope.strings("namespaces")));
            }
        }
        if (!item.complete()) {
            return null;
        }
        return new Item(item.string("principalArn"), policies, item.bool("adopt"));
    }

    /**
     * Requests (tickets, operators): only principals {@code ticketAccessPrincipalArns} allows, only access policies
     * {@code ticketAccessPolicyArns} lists exactly, never a protected namespace, and never a cluster scope while any
     * namespace is protected (a cluster-wide grant covers the protected namespaces too). That requests never adopt
     * is the contract's ({@code adopt} is baseline-only).
     */
    @Override
    public void guard(Item item, Guardrails guardrails, GuardScope scope, Target target, String at, Problems problems) {
        if (scope != GuardScope.REQUEST) {
            return;
        }
        if (!guardrails.allows(TICKET_ACCESS_PRINCIPAL_ARNS, item.principalArn())) {
            problems.add(at + ".principalArn", "guardrail:ticketAccessPrincipalArns", "requests may not give "
                    + item.principalArn() + " access to a cluster");
        }
        List<AccessEntry.Policy> policies = item.accessPolicies();
        for (int i = 0; i < policies.size(); i++) {
            AccessEntry.Policy policy = policies.get(i);
            String policyAt = at + ".accessPolicies[" + i + "]";
            if (!guardrails.list(TICKET_ACCESS_POLICY_ARNS).contains(policy.policyArn())) {
                problems.add(policyAt + ".policyArn", "guardrail:ticketAccessPolicyArns", "requests may associate only"
                        + " the access policies ticketAccessPolicyArns lists, spelled exactly; " + policy.policyArn()
                        + " is not one");
            }
            if (policy.scopeType().equals(AccessEntry.Policy.CLUSTER) && !guardrails.list(EksPodIdentity.PROTECTED_NAMESPACES).isEmpty()) {
                problems.add(policyAt + ".accessScope.type", "guardrail:protectedNamespaces", "a cluster scope covers"
                        + " the protected namespaces (" + String.join(", ", guardrails.list(EksPodIdentity.PROTECTED_NAMESPACES))
                        + "): requests scope access policies to namespaces");
            }
            for (int n = 0; n < policy.namespaces().size(); n++) {
                if (guardrails.allows(EksPodIdentity.PROTECTED_NAMESPACES, policy.namespaces().get(n))) {
                    problems.add(policyAt + ".accessScope.namespaces[" + n + "]", "guardrail:protectedNamespaces",
                            "the namespace " + policy.namespaces().get(n) + " is protected: only the baseline grants"
                                    + " access to it");
                }
            }
        }
    }

    @Override
    public Plan plan(Item item, Action action, CloudContext cloud) {
        EksClusterArn cluster = (EksClusterArn) cloud.target();
        EksPort eks = cloud.aws().eks();
        Plan refusal = checkPrincipal(item, cluster, cloud);
        if (refusal != null) {
            return refusal;
        }
        Optional<AccessEntry> entry;
        try {
            entry = cloud.read(AwsViews.accessEntry(item.principalArn()),
                    () -> eks.describeAccessEntry(cluster, item.principalArn()));
        } catch (CloudException e) {
            // The cluster is ACTIVE (the reconciler plans only then), so EKS's InvalidRequestException on this read is
            // its refusal of access entries on a cluster whose authentication mode is CONFIG_MAP. Reading it from the
            // refusal saves a DescribeCluster per target. Switching the mode is one-way (CONFIG_MAP ->
            // API_AND_CONFIG_MAP -> API) and changes how everyone reaches the cluster: its owner decides.
            if (INVALID_REQUEST.equals(e.code())) {
                return Plan.blocked("EKS takes no access entries on this cluster: " + e.getMessage() + " Its"
                        + " authentication mode must be API or API_AND_CONFIG_MAP, a one-way change its owner makes", null);
            }
            throw e;
        }
        if (entry.isEmpty()) {
            AccessEntry desired = new AccessEntry(item.principalArn(), AccessEntry.STANDARD,
                    Map.of(EksPodIdentity.MANAGED_TAG, "true"));
            return Plan.create("create the access entry of " + item.principalArn() + " and associate "
                            + describe(item.accessPolicies()), null, new Grant(desired, item.accessPolicies()),
                    () -> {
                        // CreateAccessEntry answers the entry as EKS now holds it: the verification plans from it
                        cloud.write(AwsViews.accessEntry(item.principalArn()),
                                () -> Optional.of(eks.createAccessEntry(cluster, desired)));
                        item.accessPolicies().forEach(p -> associate(cluster, item.principalArn(), p, cloud));
                    });
        }
        AccessEntry current = entry.get();
        List<AccessEntry.Policy> associated = cloud.read(AwsViews.accessPolicies(item.principalArn()),
                () -> eks.listAssociatedAccessPolicies(cluster, item.principalArn()));
        Grant before = new Grant(current, associated);
        List<AccessEntry.Policy> missing = item.accessPolicies().stream()
                .filter(p -> associated.stream().noneMatch(p::sameAs)).toList();
        if (missing.isEmpty()) {
            return Plan.noop("the access entry of " + item.principalArn() + " holds " + describe(item.accessPolicies()),
                    before);
        }
        if (!current.managedBy(EksPodIdentity.MANAGED_TAG) && (cloud.requested() || !item.adopt())) {
            return Plan.refused("principalArn", "ownership", "the access entry of " + item.principalArn() + " was not"
                    + " created by trust-baseline (no " + EksPodIdentity.MANAGED_TAG + " tag): "
                    + (cloud.requested() ? "a request changes only what trust-baseline created"
                    : "the baseline changes it only when the item says adopt: true"), before);
        }
        if (!AccessEntry.STANDARD.equals(current.type())) {
            return Plan.blocked("the access entry of " + item.principalArn() + " is of type " + current.type()
                    + ", which takes no access policies (only STANDARD does); its type cannot change", before);
        }
        List<AccessEntry.Policy> after = new ArrayList<>(associated.stream()
                .filter(a -> missing.stream().noneMatch(m -> m.policyArn().equals(a.policyArn()))).toList());
        after.addAll(missing);
        return Plan.update("associate " + describe(missing) + " with the access entry of " + item.principalArn()
                        + " (other associated policies kept)", before, new Grant(current, after),
                () -> missing.forEach(p -> associate(cluster, item.principalArn(), p, cloud)));
    }

    /**
     * AssociateAccessPolicy answers the one policy it associated, not the entry's policies: the verification lists
     * them again.
     */
    private static void associate(EksClusterArn cluster, String principalArn, AccessEntry.Policy policy,
                                  CloudContext cloud) {
        cloud.write(AwsViews.accessPolicies(principalArn),
                () -> cloud.aws().eks().associateAccessPolicy(cluster, principalArn, policy));
    }

    /**
     * The principal must be a role of the cluster's account and the very role IAM returns for its name, compared in
     * full: IAM role names are unique in an account whatever their path, so {@code role/admins/x} asked for a role
     * {@code x} at path {@code /} is another ARN, and EKS would refuse or mismatch it. Returns the refusal, or null.
     */
    private static Plan checkPrincipal(Item item, EksClusterArn cluster, CloudContext cloud) {
        Matcher m = EksPodIdentity.ROLE_ARN.matcher(item.principalArn());
        if (!m.matches()) {
            throw new IllegalStateException("principalArn was validated when read");
        }
        if (!m.group(1).equals(cluster.partition()) || !m.group(2).equals(cluster.accountId())) {
            return Plan.refused("principalArn", "principal-account", "the role " + item.principalArn() + " is not in"
                    + " the cluster's account " + cluster.accountId() + " (" + cluster.partition() + "): trust-baseline"
                    + " grants cluster access only to roles of the cluster's own account, whose identity it can check",
                    null);
        }
        Optional<IamRole> role = cloud.read(AwsViews.role(m.group(2), m.group(4)),
                () -> cloud.aws().iam().getRole(m.group(2), m.group(4)));
        if (role.isEmpty()) {
            return Plan.refused("principalArn", "role-exists", "the role " + item.principalArn() + " does not exist",
                    null);
        }
        if (!item.principalArn().equals(role.get().arn())) {
            return Plan.refused("principalArn", "role-identity", "IAM resolves the role name to " + role.get().arn()
                    + ", not " + item.principalArn() + " as asked", null);
        }
        return null;
    }

    private static String describe(List<AccessEntry.Policy> policies) {
        List<String> out = new ArrayList<>();
        for (AccessEntry.Policy p : policies) {
            String name = p.policyArn().substring(p.policyArn().lastIndexOf('/') + 1);
            out.add(name + (p.scopeType().equals(AccessEntry.Policy.CLUSTER) ? " (cluster)"
                    : " (namespaces " + String.join(", ", p.namespaces()) + ")"));
        }
        return String.join(", ", out);
    }
}
