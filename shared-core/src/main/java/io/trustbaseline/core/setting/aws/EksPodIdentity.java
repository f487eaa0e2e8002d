package io.trustbaseline.core.setting.aws;

import io.trustbaseline.core.baseline.Guardrails;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.aws.EksPort;
import io.trustbaseline.core.port.aws.IamPort;
import io.trustbaseline.core.port.aws.IamRole;
import io.trustbaseline.core.port.aws.PodIdentityAssociation;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.reconcile.CloudContext;
import io.trustbaseline.core.reconcile.HeldView;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.GuardScope;
import io.trustbaseline.core.setting.CatalogSetting;
import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.setting.contract.Checked;
import io.trustbaseline.core.setting.contract.FieldSpec;
import io.trustbaseline.core.setting.contract.ItemContract;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code eks-pod-identity}: the service account is associated with its IAM role, and the role trusts Pod Identity.
 * Either the item names an existing role ({@code roleArn}: its trust policy gains the Pod Identity statement if it
 * lacks it) or describes a role trust-baseline manages ({@code role}: created with the trust policy, the managed
 * policies and the permissions boundary, and tagged as managed; an untagged role of that name is never taken over).
 * <p>
 * Ownership: the associations trust-baseline creates carry its {@link #MANAGED_TAG} tag, its record of creating them.
 * Any other association (one made by hand or by another tool) is changed only by a baseline item that says
 * {@code adopt: true}; requests never adopt. An association an EKS add-on owns ({@code ownerArn}) is the add-on's and
 * is never changed.
 */
public final class EksPodIdentity extends CatalogSetting<EksPodIdentity.Item> {
    public static final String TYPE = "eks-pod-identity";
    /** Marks the IAM roles and associations trust-baseline manages. */
    public static final String MANAGED_TAG = "trust-baseline:managed";

    static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    static final Pattern SERVICE_ACCOUNT = Pattern.compile(
            "^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    public static final Pattern ROLE_ARN = Pattern.compile(
            "^arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):role(/(?:[\\w+=,.@-]+/)*)([\\w+=,.@-]{1,64})$");
    public static final Pattern POLICY_ARN = Pattern.compile(
            "^arn:(aws|aws-cn|aws-us-gov):iam::(aws|\\d{12}):policy/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}$");
    static final Pattern ROLE_NAME_TEMPLATE = Pattern.compile("^[\\w+=,.@{}-]{1,64}$");
    static final Pattern ROLE_PATH = Pattern.compile("^/([\\x21-\\x7E]{0,510}/)?$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("cluster", "namespace", "serviceAccount");
    /**
     * The session policy is the {@code Policy} of the AssumeRole call Pod Identity makes, whose STS limit is 2,048
     * characters (STS API Reference, AssumeRole, Policy: "Length Constraints: Minimum length of 1. Maximum length of
     * 2048").
     */
    public static final int MAX_SESSION_POLICY = 2048;
    /** A role ARN glob: '*' allowed in partition, account, path and name. */
    static final Pattern ROLE_ARN_GLOB = Pattern.compile("^arn:[a-z*-]+:iam::[0-9*]+:role/[\\w+=,.@*/-]+$");

    /** Which roles a request may bind or create: globs of role ARNs, compared with case as IAM does. */
    public static final FieldSpec TICKET_ROLE_ARNS = FieldSpec.strings("ticketRoleArns", "Globs of IAM role ARNs a"
                    + " request may bind with roleArn (and of ARNs of roles it may create), compared with case.")
            .pattern(ROLE_ARN_GLOB, "an IAM role ARN, '*' allowed").length(1, 2048).items(0, 1000);
    /** Which policies a request may attach to a role it creates or manages (never a forbidden one). */
    public static final FieldSpec TICKET_POLICY_ARNS = FieldSpec.strings("ticketPolicyArns", "Globs of managed policy"
                    + " ARNs a request may attach to a role it creates or manages, compared with case as IAM compares"
                    + " ARNs. Deny by default: absent or empty, requests attach no policy.")
            .pattern(Guardrails.POLICY_ARN_GLOB, "an IAM policy ARN, '*' allowed").length(1, 2048).items(0, 1000);
    /** The boundary every role a request creates or manages carries; absent, requests create no roles. */
    public static final FieldSpec REQUIRED_PERMISSIONS_BOUNDARY = FieldSpec.string("requiredPermissionsBoundary",
                    "The permissions boundary every role a request creates or manages must have (a request may"
                    + " neither drop nor replace it). Absent: requests create and manage no roles.")
            .pattern(POLICY_ARN, "an IAM policy ARN");
    /** Namespaces only the baseline associates roles in: globs, compared with case as Kubernetes does. */
    public static final FieldSpec PROTECTED_NAMESPACES = FieldSpec.strings("protectedNamespaces", "Globs of Kubernetes"
            + " namespaces a request may not associate roles in (with case).").length(1, 63).items(0, 1000);

    private static final ItemContract ROLE_CONTRACT = ItemContract.of("A role trust-baseline creates (or keeps"
                    + " compliant) in the cluster's account, trusted by pods.eks.amazonaws.com with sts:AssumeRole and"
                    + " sts:TagSession.",
            FieldSpec.string("name", "Role name template: 1-64 of [\\w+=,.@-], may contain the placeholders {cluster},"
                            + " {namespace} and {serviceAccount} (no other). A rendered name longer than 64 is cut to"
                            + " 64 with a short hash.")
                    .required().pattern(ROLE_NAME_TEMPLATE, "1-64 of letters, digits, '+=,.@_-' and the placeholders"
                            + " {cluster}, {namespace}, {serviceAccount}").length(1, 64),
            FieldSpec.string("path", "IAM path, '/' or '/<segments>/'.")
                    .pattern(ROLE_PATH, "an IAM path such as / or /workload/").length(1, 512).defaultValue("/"),
            FieldSpec.strings("managedPolicyArns", "Managed policies attached to the role.")
                    .pattern(POLICY_ARN, "an IAM policy ARN").length(1, 2048).items(0, 20),
            FieldSpec.string("permissionsBoundaryArn", "The role's permissions boundary.")
                    .pattern(POLICY_ARN, "an IAM policy ARN").length(1, 2048),
            FieldSpec.bool("restrictToCluster", "Trust only this cluster's service account: StringEquals on"
                    + " aws:SourceAccount and the session tags Pod Identity sets (aws:RequestTag/eks-cluster-arn,"
                    + " aws:RequestTag/kubernetes-namespace, aws:RequestTag/kubernetes-service-account), as the EKS User"
                    + " Guide documents. Needs session tags: refused with disableSessionTags: true.").defaultValue(false));

    private static final ItemContract CONTRACT = ItemContract.of("An EKS Pod Identity association of (namespace,"
                    + " serviceAccount) with an IAM role: exactly one of roleArn (an existing role) or role (a role to"
                    + " create) on ensure. The item's name is '<namespace>/<serviceAccount>'; one service account has"
                    + " one role, so pairs must be unique within one document (checked by the parser). With action"
                    + " 'remove' only namespace, serviceAccount and confirm are needed. Ownership: associations"
                    + " trust-baseline creates carry the tag trust-baseline:managed, and trust-baseline repairs them."
                    + " Another association of the service account is changed only by a baseline item with 'adopt:"
                    + " true'; one an EKS add-on owns (ownerArn) is never changed.",
            FieldSpec.string("namespace", "Kubernetes namespace: DNS-1123 label.").required()
                    .pattern(NAMESPACE, "a Kubernetes namespace (DNS-1123 label: 1-63 of a-z, 0-9, '-', starting and"
                            + " ending with a letter or digit)").length(1, 63),
            FieldSpec.string("serviceAccount", "Kubernetes service account: DNS-1123 subdomain.").required()
                    .pattern(SERVICE_ACCOUNT, "a Kubernetes service account name (DNS-1123 subdomain: 1-253 of a-z,"
                            + " 0-9, '-', '.')").length(1, 253),
            FieldSpec.string("roleArn", "An existing IAM role: arn:<partition>:iam::<12 digits>:role/<path/name>; its"
                            + " trust policy gains the Pod Identity statement if it lacks it.")
                    .pattern(ROLE_ARN, "an IAM role ARN such as arn:aws:iam::111122223333:role/name").length(1, 2048),
            FieldSpec.object("role", "A role trust-baseline manages.", ROLE_CONTRACT),
            FieldSpec.string("targetRoleArn", "Optional role in another account that the pod's session chains to (EKS"
                    + " targetRoleArn).").pattern(ROLE_ARN, "an IAM role ARN").length(1, 2048),
            FieldSpec.bool("disableSessionTags", "EKS disableSessionTags: do not add session tags to the pod's"
                    + " session.").defaultValue(false),
            FieldSpec.string("policy", "Session policy of the association (EKS policy, an IAM policy document as a"
                    + " JSON string): narrows what the pod's session may do. EKS accepts it only with"
                    + " disableSessionTags: true; at most 2048 characters (STS AssumeRole Policy).")
                    .length(1, MAX_SESSION_POLICY),
            FieldSpec.bool("adopt", "The baseline takes over an existing association of this service account that"
                            + " trust-baseline did not create (one without the trust-baseline:managed tag). An"
                            + " association an EKS add-on owns (ownerArn) is never changed, even when adopted. Only"
                            + " the baseline adopts.")
                    .defaultValue(false)
                    .baselineOnly("only the baseline adopts an association trust-baseline did not create"))
            .requiresTrue("policy", "disableSessionTags", "requires-disableSessionTags", "EKS accepts a session policy"
                    + " only when the association disables session tags (disableSessionTags: true)")
            .exactlyOneOn(Action.ENSURE, "one-of", "must have exactly one of roleArn (an existing role) or role (a"
                    + " role trust-baseline manages)", "roleArn", "role")
            .guardrails(TICKET_ROLE_ARNS, TICKET_POLICY_ARNS, REQUIRED_PERMISSIONS_BOUNDARY, PROTECTED_NAMESPACES);

    /** A role trust-baseline creates and keeps: {@code name} may hold {cluster}, {namespace}, {serviceAccount}. */
    public record RoleSpec(String name, String path, List<String> managedPolicyArns, String permissionsBoundaryArn,
                           boolean restrictToCluster) {
        public RoleSpec {
            managedPolicyArns = List.copyOf(managedPolicyArns);
        }
    }

    /**
     * For {@code remove} only namespace and service account are set. {@code policy} is the association's session
     * policy (JSON), allowed only with {@code disableSessionTags}. {@code adopt}: the baseline takes over an existing
     * association trust-baseline did not create.
     */
    public record Item(String namespace, String serviceAccount, String roleArn, RoleSpec role, String targetRoleArn,
                       boolean disableSessionTags, String policy, boolean adopt) implements SettingItem {

        /** An item without session policy that adopts nothing. */
        public Item(String namespace, String serviceAccount, String roleArn, RoleSpec role, String targetRoleArn,
                    boolean disableSessionTags) {
            this(namespace, serviceAccount, roleArn, role, targetRoleArn, disableSessionTags, null, false);
        }

        @Override
        public String type() { return TYPE; }

        @Override
        public String name() { return namespace + "/" + serviceAccount; }
    }

    /** What the report shows before and after. */
    public record Binding(IamRole role, List<String> attachedPolicyArns, PodIdentityAssociation association) { }

    public EksPodIdentity() {
        super(TYPE, Item.class, CONTRACT, EksClusterArn.RESOURCE_TYPE);
    }

    @Override
    public boolean removable() { return true; }

    @Override
    public Item read(Checked item, Action action) {
        Checked role = item.object("role");
        if (role != null && role.string("name") != null) {
            checkPlaceholders(role);
        }
        // a rule between the item and its nested role: the contract states rules within one object only
        if (role != null && role.bool("restrictToCluster") && item.bool("disableSessionTags")) {
            item.problems().add(item.at("role.restrictToCluster"), "requires-session-tags", "restricting the role to"
                    + " the cluster uses the session tags Pod Identity sets (aws:RequestTag/eks-cluster-arn,"
                    + " kubernetes-namespace, kubernetes-service-account); disableSessionTags: true removes them");
        }
        String policy = item.string("policy");
        if (policy != null && item.bool("disableSessionTags")) {
            checkPolicyDocument(policy, item);
        }
        if (!item.complete()) {
            return null;
        }
        RoleSpec spec = role == null ? null : new RoleSpec(role.string("name"), role.string("path"),
                role.strings("managedPolicyArns"), role.string("permissionsBoundaryArn"), role.bool("restrictToCluster"));
        return new Item(item.string("namespace"), item.string("serviceAccount"), item.string("roleArn"), spec,
                item.string("targetRoleArn"), item.bool("disableSessionTags"), policy, item.bool("adopt"));
    }

    /** A JSON Schema cannot parse the JSON inside a string: the session policy must be an IAM policy document. */
    private static void checkPolicyDocument(String policy, Checked item) {
        try {
            if (!io.trustbaseline.core.json.Json.MAPPER.readTree(policy).isObject()) {
                item.problems().add(item.at("policy"), "json", "must be an IAM policy document (a JSON object)");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            item.problems().add(item.at("policy"), "json", "must be an IAM policy document: " + e.getOriginalMessage());
        }
    }

    /** The role name's pattern admits braces; only the three placeholders may stand in them (named in the error). */
    private static void checkPlaceholders(Checked role) {
        Matcher m = PLACEHOLDER.matcher(role.string("name"));
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                role.problems().add(role.at("name"), "placeholder", "{" + m.group(1) + "} is not a placeholder;"
                        + " use {cluster}, {namespace} or {serviceAccount}");
                return;
            }
        }
    }

    @Override
    public void guard(Item item, Guardrails guardrails, GuardScope scope, Target target, String at, Problems problems) {
        if (item.role() != null) {
            List<String> policies = item.role().managedPolicyArns();
            for (int i = 0; i < policies.size(); i++) {
                if (guardrails.forbidsPolicy(policies.get(i))) {
                    problems.add(at + ".role.managedPolicyArns[" + i + "]", "guardrail:forbiddenPolicyArns",
                            policies.get(i) + " may never be attached by trust-baseline");
                }
            }
        }
        if (scope != GuardScope.REQUEST) {
            return;
        }
        if (guardrails.allows(PROTECTED_NAMESPACES, item.namespace())) {
            problems.add(at + ".namespace", "guardrail:protectedNamespaces", "the namespace " + item.namespace()
                    + " is protected: only the baseline manages its identities");
        }
        if (item.roleArn() != null && !guardrails.allows(TICKET_ROLE_ARNS, item.roleArn())) {
            problems.add(at + ".roleArn", "guardrail:ticketRoleArns", "requests may not bind " + item.roleArn());
        }
        if (item.role() != null && target instanceof EksClusterArn cluster) {
            String arn = roleArn(cluster, item.role(), item);
            if (!guardrails.allows(TICKET_ROLE_ARNS, arn)) {
                problems.add(at + ".role.name", "guardrail:ticketRoleArns", "requests may not create or bind " + arn);
            }
        }
        if (item.targetRoleArn() != null && !guardrails.allows(TICKET_ROLE_ARNS, item.targetRoleArn())) {
            problems.add(at + ".targetRoleArn", "guardrail:ticketRoleArns", "requests may not bind " + item.targetRoleArn());
        }
        if (item.role() != null) {
            guardTicketRole(item.role(), guardrails, at + ".role", problems);
        }
    }

    /**
     * A role a request creates or manages: only policies {@code ticketPolicyArns} allows, and always the
     * {@code requiredPermissionsBoundary} (a request may neither drop nor replace it; without one, requests create no
     * roles at all).
     */
    private static void guardTicketRole(RoleSpec role, Guardrails guardrails, String at, Problems problems) {
        List<String> policies = role.managedPolicyArns();
        for (int i = 0; i < policies.size(); i++) {
            if (!guardrails.forbidsPolicy(policies.get(i)) && !guardrails.allows(TICKET_POLICY_ARNS, policies.get(i))) {
                problems.add(at + ".managedPolicyArns[" + i + "]", "guardrail:ticketPolicyArns", "requests may attach"
                        + " only the policies ticketPolicyArns lists, spelled exactly; " + policies.get(i) + " is not one");
            }
        }
        String required = guardrails.value(REQUIRED_PERMISSIONS_BOUNDARY);
        if (required == null) {
            problems.add(at, "guardrail:requiredPermissionsBoundary", "requests may create or manage a role only when"
                    + " the baseline sets requiredPermissionsBoundary; it sets none");
        } else if (!required.equals(role.permissionsBoundaryArn())) {
            problems.add(at + ".permissionsBoundaryArn", "guardrail:requiredPermissionsBoundary", "a role a request"
                    + " creates or manages must have the permissions boundary " + required + " (was "
                    + (role.permissionsBoundaryArn() == null ? "none" : role.permissionsBoundaryArn()) + ")");
        }
    }

    /**
     * A role a request creates or manages is the baseline's when a baseline item on the cluster manages a role of the
     * same name: IAM resolves a role by its name alone, whatever its path, and names compare without case (IAM API
     * Reference, CreateRole, RoleName: "Names are not distinguished by case"). Binding the baseline's role with
     * {@code roleArn} changes nothing of it, so only a role spec overlaps.
     */
    @Override
    public Optional<String> overlaps(Item item, Item given, Target target) {
        if (item.role() == null || given.role() == null || !(target instanceof EksClusterArn cluster)) {
            return Optional.empty();
        }
        String asked = RoleNames.render(item.role().name(), cluster, item.namespace(), item.serviceAccount());
        String managed = RoleNames.render(given.role().name(), cluster, given.namespace(), given.serviceAccount());
        return asked.equalsIgnoreCase(managed) ? Optional.of("role.name") : Optional.empty();
    }

    @Override
    public Plan plan(Item item, Action action, CloudContext cloud) {
        EksClusterArn cluster = (EksClusterArn) cloud.target();
        EksPort eks = cloud.aws().eks();
        if (action == Action.REMOVE) {
            List<String> ids = cloud.read(() ->
                    eks.listAssociationIds(cluster, item.namespace(), item.serviceAccount()));
            Optional<PodIdentityAssociation> association = ids.isEmpty() ? Optional.empty()
                    : Optional.of(cloud.read(() -> eks.describeAssociation(cluster, ids.get(0))));
            Optional<Plan> notOurs = association.flatMap(a -> notOurs(a, item, cloud));
            if (notOurs.isPresent()) {
                return notOurs.get();
            }
            return association.map(a -> Plan.remove("delete the association of " + item.name() + " with "
                            + a.roleArn() + " (the role itself is kept)",
                            new Binding(null, List.of(), a), () -> ids.forEach(id ->
                                    cloud.write(() -> eks.deleteAssociation(cluster, id)))))
                    .orElseGet(() -> Plan.noop(item.name() + " has no association", null));
        }
        // ListPodIdentityAssociations, then DescribePodIdentityAssociation of the one it names (EKS holds at most one
        // per service account): one read of the view, retried together; after a create or update, its answer
        Optional<PodIdentityAssociation> association = cloud.read(
                AwsViews.association(item.namespace(), item.serviceAccount()), () -> {
                    List<String> ids = eks.listAssociationIds(cluster, item.namespace(), item.serviceAccount());
                    return ids.isEmpty() ? Optional.empty() : Optional.of(eks.describeAssociation(cluster, ids.get(0)));
                });
        return new RolePlan(item, cluster, cloud).plan(association);
    }

    /**
     * Why the existing association may not be changed or removed by this item, if it may not: an association an EKS
     * add-on owns is the add-on's, even to adopt; otherwise only one trust-baseline created (its tag) is changed,
     * unless a baseline item adopts it.
     */
    private static Optional<Plan> notOurs(PodIdentityAssociation current, Item item, CloudContext cloud) {
        if (current.ownerArn() != null) {
            return Optional.of(Plan.refused("serviceAccount", "ownership", "the association of " + current.namespace()
                    + "/" + current.serviceAccount() + " is owned by the EKS add-on " + current.ownerArn()
                    + ": only the add-on changes it", current));
        }
        if (cloud.requested() && !current.managedBy(MANAGED_TAG)) {
            return Optional.of(Plan.refused("serviceAccount", "ownership", "the association of " + current.namespace()
                    + "/" + current.serviceAccount() + " was not created by trust-baseline (no " + MANAGED_TAG
                    + " tag): a request changes or removes only what trust-baseline created", current));
        }
        if (!item.adopt() && !current.managedBy(MANAGED_TAG)) {
            return Optional.of(Plan.refused("serviceAccount", "ownership", "the association of " + current.namespace()
                    + "/" + current.serviceAccount() + " was not created by trust-baseline (no " + MANAGED_TAG
                    + " tag): the baseline changes it only when the item says adopt: true", current));
        }
        return Optional.empty();
    }

    /** The ARN of the role an item's spec names on a cluster. */
    static String roleArn(EksClusterArn cluster, RoleSpec spec, Item item) {
        return "arn:" + cluster.partition() + ":iam::" + cluster.accountId() + ":role" + spec.path()
                + RoleNames.render(spec.name(), cluster, item.namespace(), item.serviceAccount());
    }

    /** Works out, for one item, the role changes and the association change, in the order they must run. */
    private static final class RolePlan {
        private final Item item;
        private final EksClusterArn cluster;
        private final CloudContext cloud;
        private final IamPort iam;
        private final List<String> changes = new ArrayList<>();
        private final List<Plan.Change> writes = new ArrayList<>();

        RolePlan(Item item, EksClusterArn cluster, CloudContext cloud) {
            this.item = item;
            this.cluster = cluster;
            this.cloud = cloud;
            this.iam = cloud.aws().iam();
        }

        Plan plan(Optional<PodIdentityAssociation> association) {
            String account;
            String roleName;
            String arn;
            if (item.roleArn() != null) {
                Matcher m = ROLE_ARN.matcher(item.roleArn());
                if (!m.matches()) {
                    throw new IllegalStateException("roleArn was validated when read");
                }
                account = m.group(2);
                roleName = m.group(4);
                arn = item.roleArn();
                if (!account.equals(cluster.accountId())) {
                    return Plan.refused("roleArn", "same-account", "the role " + arn + " is in account " + account
                            + ", not the cluster's " + cluster.accountId() + "; Pod Identity needs a role of the"
                            + " cluster's account (use targetRoleArn to reach another account)", association.orElse(null));
                }
            } else {
                account = cluster.accountId();
                roleName = RoleNames.render(item.role().name(), cluster, item.namespace(), item.serviceAccount());
                arn = roleArn(cluster, item.role(), item);
            }
            String roleField = item.roleArn() != null ? "roleArn" : "role.path";
            Object current = association.orElse(null);
            Optional<IamRole> role = cloud.read(AwsViews.role(account, roleName), () -> iam.getRole(account, roleName));
            List<String> attached = List.of();
            IamRole desiredRole;
            if (role.isEmpty()) {
                if (item.role() == null) {
                    return Plan.blocked("the role " + arn + " does not exist", current);
                }
                desiredRole = createRole(account, roleName);
            } else {
                Optional<Plan> refused = refuseRole(role.get(), arn, roleField, current);
                if (refused.isPresent()) {
                    return refused.get();
                }
                if (item.role() != null && !"true".equals(role.get().tags().get(MANAGED_TAG))) {
                    return Plan.blocked("the role " + roleName + " exists but trust-baseline does not manage it (no "
                            + MANAGED_TAG + " tag): bind it with roleArn, or tag it to hand it over", current);
                }
                attached = cloud.read(AwsViews.attachedPolicies(account, roleName),
                        () -> iam.listAttachedPolicyArns(account, roleName));
                Optional<String> forbidden = attached.stream().filter(cloud.guardrails()::forbidsPolicy).findFirst();
                if (forbidden.isPresent()) {
                    return Plan.refused(roleField, "guardrail:forbiddenPolicyArns", "the role " + arn + " holds "
                            + forbidden.get() + ", a forbidden policy: trust-baseline binds no service account to it",
                            current);
                }
                desiredRole = trust(account, role.get());
                if (item.role() != null) {
                    policiesAndBoundary(account, role.get(), attached);
                }
            }
            Optional<IamRole> targetRole = Optional.empty();
            if (item.targetRoleArn() != null) {
                Plan refused = checkTargetRole(current);
                if (refused != null) {
                    return refused;
                }
                targetRole = this.targetRole;
            }
            if (association.isPresent() && !association.get().sameBindingAs(desiredAssociation(arn))) {
                Optional<Plan> notOurs = notOurs(association.get(), item, cloud);
                if (notOurs.isPresent()) {
                    return notOurs.get();
                }
            }
            if (association.isPresent() && association.get().policy() != null && item.policy() == null) {
                return Plan.blocked("the association of " + item.name() + " has a session policy the item does not"
                        + " ask for, and EKS documents no way to remove one: add it to the item (policy), or delete"
                        + " the association for trust-baseline to create it anew", association.get());
            }
            PodIdentityAssociation desired = desiredAssociation(arn);
            associate(association, desired, role.isEmpty(), targetRole);

            Binding before = new Binding(role.orElse(null), attached, association.orElse(null));
            List<String> wantedPolicies = item.role() == null ? attached : union(attached, item.role().managedPolicyArns());
            Binding after = new Binding(desiredRole, wantedPolicies, association.map(a -> desired.withId(a.associationId())).orElse(desired));
            if (changes.isEmpty()) {
                return Plan.noop(item.name() + " is associated with " + arn + ", which trusts Pod Identity", before);
            }
            Plan.Change change = () -> writes.forEach(Plan.Change::apply);
            String message = String.join("; ", changes);
            return role.isEmpty() || association.isEmpty()
                    ? Plan.create(message, before, after, change)
                    : Plan.update(message, before, after, change);
        }

        private PodIdentityAssociation desiredAssociation(String arn) {
            return new PodIdentityAssociation(null, item.namespace(), item.serviceAccount(), arn, item.targetRoleArn(),
                    item.disableSessionTags(), item.policy(), null, null, Map.of(MANAGED_TAG, "true"));
        }

        /**
         * A role is the role whose ARN IAM returns: IAM role names are unique per account whatever their path, so
         * GetRole by name may answer with a role at another path than the one asked (and allowed). Its trust policy
         * must not explicitly deny Pod Identity either: a Deny wins over the statement trust-baseline would add.
         */
        private Optional<Plan> refuseRole(IamRole role, String askedArn, String field, Object current) {
            if (!askedArn.equals(role.arn())) {
                return Optional.of(Plan.refused(field, "role-identity", "IAM resolves the role name to " + role.arn()
                        + ", not " + askedArn + " as asked (partition, account, path and name must all match)", current));
            }
            if (TrustPolicy.deniesPodIdentity(role.trustPolicy())) {
                return Optional.of(Plan.refused(field, "trust-policy-deny", "the trust policy of " + askedArn
                        + " explicitly denies Pod Identity (an explicit Deny wins in IAM): trust-baseline does not"
                        + " override it", current));
            }
            return Optional.empty();
        }

        private Optional<IamRole> targetRole = Optional.empty();

        /**
         * The target role must be the role IAM returns for its ARN, in an account the deployment serves, and must
         * hold no forbidden policy; returns the refusal, or null.
         */
        private Plan checkTargetRole(Object current) {
            Matcher m = ROLE_ARN.matcher(item.targetRoleArn());
            if (!m.matches()) {
                throw new IllegalStateException("targetRoleArn was validated when read");
            }
            String account = m.group(2);
            List<String> served = cloud.targets().servedScopes();
            if (!served.contains(account)) {
                return Plan.refused("targetRoleArn", "served-scopes", "the target role is in account " + account
                        + ", which this deployment does not serve (" + String.join(", ", served) + "): it cannot check"
                        + " that the role is the one asked", current);
            }
            Optional<IamRole> found = cloud.read(AwsViews.role(account, m.group(4)),
                    () -> iam.getRole(account, m.group(4)));
            if (found.isEmpty()) {
                return Plan.refused("targetRoleArn", "role-exists", "the target role " + item.targetRoleArn()
                        + " does not exist", current);
            }
            if (!item.targetRoleArn().equals(found.get().arn())) {
                return Plan.refused("targetRoleArn", "role-identity", "IAM resolves the target role name to "
                        + found.get().arn() + ", not " + item.targetRoleArn() + " as asked", current);
            }
            List<String> attached = cloud.read(AwsViews.attachedPolicies(account, m.group(4)),
                    () -> iam.listAttachedPolicyArns(account, m.group(4)));
            Optional<String> forbidden = attached.stream().filter(cloud.guardrails()::forbidsPolicy).findFirst();
            if (forbidden.isPresent()) {
                return Plan.refused("targetRoleArn", "guardrail:forbiddenPolicyArns", "the target role holds "
                        + forbidden.get() + ", a forbidden policy", current);
            }
            targetRole = found;
            return null;
        }

        private TrustPolicy.Restriction restriction() {
            return item.role() != null && item.role().restrictToCluster()
                    ? new TrustPolicy.Restriction(cluster, item.namespace(), item.serviceAccount()) : null;
        }

        private IamRole createRole(String account, String roleName) {
            RoleSpec spec = item.role();
            IamRole desired = new IamRole(roleName, spec.path(), null,
                    TrustPolicy.standard(restriction()), spec.permissionsBoundaryArn(),
                    Map.of(MANAGED_TAG, "true"));
            changes.add("create the role " + roleName + " trusted by Pod Identity");
            // CreateRole answers the role as IAM now holds it (trust policy, path, boundary, tags): the verification
            // plans from that answer
            writes.add(() -> cloud.write(AwsViews.role(account, roleName),
                    () -> Optional.of(iam.createRole(account, desired))));
            for (String policy : spec.managedPolicyArns()) {
                changes.add("attach " + policy);
                writes.add(() -> attach(account, roleName, policy));
            }
            return desired;
        }

        private IamRole trust(String account, IamRole role) {
            Optional<String> merged = TrustPolicy.ensure(role.trustPolicy(), restriction());
            if (merged.isEmpty()) {
                return role;
            }
            changes.add("add the Pod Identity statement to the trust policy of " + role.name() + " (other statements kept)");
            writes.add(() -> cloud.write(AwsViews.role(account, role.name()),
                    () -> iam.updateAssumeRolePolicy(account, role.name(), merged.get())));
            return new IamRole(role.name(), role.path(), role.arn(), merged.get(), role.permissionsBoundaryArn(), role.tags());
        }

        private void policiesAndBoundary(String account, IamRole role, List<String> attached) {
            RoleSpec spec = item.role();
            for (String policy : spec.managedPolicyArns()) {
                if (!attached.contains(policy)) {
                    changes.add("attach " + policy + " to " + role.name());
                    writes.add(() -> attach(account, role.name(), policy));
                }
            }
            String boundary = spec.permissionsBoundaryArn();
            if (boundary != null && !boundary.equals(role.permissionsBoundaryArn())) {
                changes.add("set the permissions boundary of " + role.name() + " to " + boundary);
                writes.add(() -> cloud.write(AwsViews.role(account, role.name()),
                        () -> iam.putPermissionsBoundary(account, role.name(), boundary)));
            }
        }

        /**
         * AttachRolePolicy answers nothing, and IAM names a policy as it holds it, so only ListAttachedRolePolicies
         * tells what is attached: the verification reads it again.
         */
        private void attach(String account, String roleName, String policy) {
            cloud.write(AwsViews.attachedPolicies(account, roleName),
                    () -> iam.attachRolePolicy(account, roleName, policy));
        }

        private void associate(Optional<PodIdentityAssociation> current, PodIdentityAssociation desired,
                               boolean roleCreatedNow, Optional<IamRole> targetRole) {
            EksPort eks = cloud.aws().eks();
            // Create and update answer the association as EKS now holds it: the verification plans from that answer
            HeldView<Optional<PodIdentityAssociation>> view =
                    AwsViews.association(item.namespace(), item.serviceAccount());
            if (current.isEmpty()) {
                changes.add("associate " + item.name() + " with " + desired.roleArn());
                writes.add(() -> untilRoleVisible(roleCreatedNow, () -> {
                    PodIdentityAssociation created = cloud.write(view,
                            () -> Optional.of(eks.createAssociation(cluster, desired))).orElseThrow();
                    targetRole.ifPresent(t -> trustExternalId(t, created));
                }));
            } else if (!current.get().sameBindingAs(desired)) {
                changes.add("point the association of " + item.name() + " at " + desired.roleArn()
                        + (Objects.equals(current.get().roleArn(), desired.roleArn()) ? " with its new options" : ""));
                writes.add(() -> untilRoleVisible(roleCreatedNow, () -> {
                    PodIdentityAssociation updated = cloud.write(view, () -> Optional.of(eks.updateAssociation(
                            cluster, desired.withId(current.get().associationId())))).orElseThrow();
                    targetRole.ifPresent(t -> trustExternalId(t, updated));
                }));
            } else {
                targetRole.filter(t -> externalIdTrustMissing(t, current.get()).isPresent()).ifPresent(t -> {
                    changes.add("let " + desired.roleArn() + " assume the target role " + t.name()
                            + " only with the association's external id");
                    writes.add(() -> trustExternalId(t, current.get()));
                });
            }
        }

        /**
         * A target role trust-baseline manages (its tag) trusts the association's role only with the external id EKS
         * generated for the association; a target role it does not manage is left to its owner.
         */
        private Optional<String> externalIdTrustMissing(IamRole target, PodIdentityAssociation association) {
            if (!"true".equals(target.tags().get(MANAGED_TAG)) || association.externalId() == null) {
                return Optional.empty();
            }
            return TrustPolicy.ensureExternalId(target.trustPolicy(), association.roleArn(), association.externalId());
        }

        private void trustExternalId(IamRole target, PodIdentityAssociation association) {
            String account = ROLE_ARN.matcher(item.targetRoleArn()).replaceFirst("$2");
            externalIdTrustMissing(target, association).ifPresent(policy -> cloud.write(AwsViews.role(account,
                    target.name()), () -> iam.updateAssumeRolePolicy(account, target.name(), policy)));
        }

        /**
         * IAM is eventually consistent: EKS may not see a role created a moment ago and refuse the association. For a
         * role this very step created, that refusal means "not yet", so the item is deferred and retried, not failed.
         */
        private static void untilRoleVisible(boolean roleCreatedNow, Runnable write) {
            try {
                write.run();
            } catch (CloudException e) {
                if (roleCreatedNow && e.kind() == CloudException.Kind.REJECTED) {
                    throw new CloudException(CloudException.Kind.NOT_READY, e.code(), "the role was created moments ago"
                            + " and EKS does not see it yet (IAM is eventually consistent): " + e.getMessage(), null, null, e);
                }
                throw e;
            }
        }

        private static List<String> union(List<String> a, List<String> b) {
            List<String> out = new ArrayList<>(a);
            b.stream().filter(x -> !out.contains(x)).forEach(out::add);
            return out;
        }
    }
}
