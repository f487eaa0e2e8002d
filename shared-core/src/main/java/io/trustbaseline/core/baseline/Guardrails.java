package io.trustbaseline.core.baseline;

import java.util.List;
import java.util.stream.Stream;

/**
 * What requests (tickets, operators) may ask for. Everything is denied unless a guardrail allows it: no
 * {@code trustedAccessSources} means no ticket may bind a trusted-access source. Azure ids compare without case,
 * as ARM does; ARNs and namespaces with case.
 */
public record Guardrails(List<String> trustedAccessSources, List<String> trustedAccessRoles,
                         List<String> ticketRoleArns, List<String> forbiddenPolicyArns,
                         List<String> protectedNamespaces) {

    /** Policies no request and no baseline may ever attach, whatever the baseline lists. */
    public static final List<String> ALWAYS_FORBIDDEN_POLICIES = List.of(
            "arn:*:iam::aws:policy/AdministratorAccess",
            "arn:*:iam::aws:policy/IAMFullAccess");

    public Guardrails {
        trustedAccessSources = List.copyOf(trustedAccessSources);
        trustedAccessRoles = List.copyOf(trustedAccessRoles);
        ticketRoleArns = List.copyOf(ticketRoleArns);
        forbiddenPolicyArns = List.copyOf(forbiddenPolicyArns);
        protectedNamespaces = List.copyOf(protectedNamespaces);
    }

    public static Guardrails denyAll() {
        return new Guardrails(List.of(), List.of(), List.of(), List.of(), List.of());
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

    public boolean forbidsPolicy(String policyArn) {
        return Glob.anyMatches(Stream.concat(forbiddenPolicyArns.stream(), ALWAYS_FORBIDDEN_POLICIES.stream()).toList(),
                policyArn, false);
    }

    public boolean protectsNamespace(String namespace) {
        return Glob.anyMatches(protectedNamespaces, namespace, false);
    }
}
