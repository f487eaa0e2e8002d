package io.trustbaseline.core.baseline;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What requests (tickets, operators) may ask for. Everything is denied unless a guardrail allows it: no
 * {@code trustedAccessSources} means no ticket may bind a trusted-access source, no {@code ticketPolicyArns} means no
 * ticket may attach a policy, no {@code requiredPermissionsBoundary} means no ticket may create a role. Azure ids
 * compare without case, as ARM does; ARNs and namespaces with case, as IAM and Kubernetes do.
 *
 * @param requiredPermissionsBoundary the boundary every role a ticket creates or manages must carry; null = tickets
 *                                    create no roles
 * @param ticketAccessPrincipalArns   the IAM roles a request may give an EKS access entry (globs, with case, full ARN
 *                                    with path); empty = requests grant no cluster access
 * @param ticketAccessPolicyArns      the EKS access policies a request may associate, spelled exactly (no globs, so
 *                                    an admin policy is granted only when listed by its own ARN)
 */
public record Guardrails(List<String> trustedAccessSources, List<String> trustedAccessRoles,
                         List<String> ticketRoleArns, List<String> ticketPolicyArns, String requiredPermissionsBoundary,
                         List<String> forbiddenPolicyArns, List<String> protectedNamespaces,
                         List<String> ticketAccessPrincipalArns, List<String> ticketAccessPolicyArns) {

    /** Policies no request and no baseline may ever attach, whatever the baseline lists. */
    public static final List<String> ALWAYS_FORBIDDEN_POLICIES = List.of(
            "arn:*:iam::aws:policy/AdministratorAccess",
            "arn:*:iam::aws:policy/IAMFullAccess");

    public Guardrails {
        trustedAccessSources = List.copyOf(trustedAccessSources);
        trustedAccessRoles = List.copyOf(trustedAccessRoles);
        ticketRoleArns = List.copyOf(ticketRoleArns);
        ticketPolicyArns = List.copyOf(ticketPolicyArns);
        forbiddenPolicyArns = List.copyOf(forbiddenPolicyArns);
        protectedNamespaces = List.copyOf(protectedNamespaces);
        ticketAccessPrincipalArns = List.copyOf(ticketAccessPrincipalArns);
        ticketAccessPolicyArns = List.copyOf(ticketAccessPolicyArns);
    }

    public static Guardrails denyAll() {
        return new Guardrails(List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of(), List.of(), List.of());
    }

    public boolean allowsTrustedAccessSource(String sourceResourceId) {
        return Glob.anyMatches(trustedAccessSources, sourceResourceId, true);
    }

    public boolean allowsTrustedAccessRole(String role) {
        return Glob.anyMatches(trustedAccessRoles, role, true);
    }

    public boolean allowsTicketRoleArn(String roleArn) {
        return Glob.anyMatches(ticketRoleArns, roleArn, false);
    }

    /** Whether a request may attach the policy: listed in {@code ticketPolicyArns}, compared with case as IAM does. */
    public boolean allowsTicketPolicy(String policyArn) {
        return Glob.anyMatches(ticketPolicyArns, policyArn, false) && !forbidsPolicy(policyArn);
    }

    /**
     * Whether the policy is forbidden in any spelling: the forbidden entries name policies, and a policy of the same
     * name under another path, in another account (a customer-managed look-alike) or in other letter case is
     * forbidden too. A deny list only holds when it errs on the side of refusing.
     */
    public boolean forbidsPolicy(String policyArn) {
        String name = policyName(policyArn);
        return Stream.concat(forbiddenPolicyArns.stream(), ALWAYS_FORBIDDEN_POLICIES.stream())
                .anyMatch(f -> Glob.matches(policyName(f), name, true));
    }

    /** Whether a request may give this IAM principal an access entry: compared in full, with case, as IAM does. */
    public boolean allowsTicketAccessPrincipal(String principalArn) {
        return Glob.anyMatches(ticketAccessPrincipalArns, principalArn, false);
    }

    /** Whether a request may associate this EKS access policy: listed exactly in {@code ticketAccessPolicyArns}. */
    public boolean allowsTicketAccessPolicy(String policyArn) {
        return ticketAccessPolicyArns.contains(policyArn);
    }

    public boolean protectsNamespace(String namespace) {
        return Glob.anyMatches(protectedNamespaces, namespace, false);
    }

    /** The policy's name: what follows its last '/' (IAM policy names contain none). */
    static String policyName(String policyArn) {
        return policyArn.substring(policyArn.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }
}
