package io.trustbaseline.core.baseline;

import io.trustbaseline.core.setting.contract.FieldSpec;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What requests (tickets, operators) may ask for. Each setting declares the guardrail keys it reads
 * ({@link io.trustbaseline.core.setting.contract.ItemContract#guardrails}); only {@link #FORBIDDEN_POLICY_ARNS},
 * which every setting that attaches or binds a policy honours, is declared here. Everything is denied unless a
 * guardrail allows it: an absent list allows nothing, an absent value (such as a required permissions boundary)
 * means requests get nothing that needs it. Globs compare as each key's {@link FieldSpec#ignoreCase()} says: Azure
 * ids without case, as ARM does; ARNs and namespaces with case, as IAM and Kubernetes do.
 *
 * @param globs  the lists of globs the baseline gives, by key
 * @param values the single values the baseline gives, by key
 */
public record Guardrails(Map<String, List<String>> globs, Map<String, String> values) {

    public static final String DESCRIPTION = "What a ticket or manual request may ask for; a request that breaks one is"
            + " rejected whole. Each key is declared by the setting that reads it. An absent list is an empty list:"
            + " nothing allowed (allow-lists) or nothing forbidden/protected. The baseline's own settings are trusted"
            + " but must also pass forbiddenPolicyArns (checked at load).";

    /** A policy ARN glob: '*' allowed in partition, account, path and name. */
    public static final Pattern POLICY_ARN_GLOB = Pattern.compile("^arn:[a-z*-]+:iam::(aws|[0-9*]+):policy/[\\w+=,.@*/-]+$");

    public static final FieldSpec FORBIDDEN_POLICY_ARNS = FieldSpec.strings("forbiddenPolicyArns", "Globs of managed"
                    + " policy ARNs that may never be attached, bound or used as a boundary. Compared by policy name in"
                    + " any letter case, path and account: a customer-managed look-alike of a forbidden AWS managed"
                    + " policy is forbidden too.")
            .pattern(POLICY_ARN_GLOB, "an IAM policy ARN, '*' allowed").length(1, 2048).items(0, 1000);

    /** Policies no request and no baseline may ever attach, whatever the baseline lists. */
    public static final List<String> ALWAYS_FORBIDDEN_POLICIES = List.of(
            "arn:*:iam::aws:policy/AdministratorAccess",
            "arn:*:iam::aws:policy/IAMFullAccess");

    public Guardrails {
        globs = Map.copyOf(globs);
        values = Map.copyOf(values);
    }

    public static Guardrails denyAll() {
        return new Guardrails(Map.of(), Map.of());
    }

    /** The globs of a list key; empty when the baseline gives none. */
    public List<String> list(FieldSpec key) {
        return globs.getOrDefault(key.name(), List.of());
    }

    /** The value of a single-value key, or null when the baseline gives none. */
    public String value(FieldSpec key) {
        return values.get(key.name());
    }

    /** Whether a glob of the list {@code key} matches {@code value}, with or without case as the key declares. */
    public boolean allows(FieldSpec key, String value) {
        return Glob.anyMatches(list(key), value, key.ignoreCase());
    }

    /**
     * Whether the policy is forbidden in any spelling: the forbidden entries name policies, and a policy of the same
     * name under another path, in another account (a customer-managed look-alike) or in other letter case is
     * forbidden too. A deny list only holds when it errs on the side of refusing.
     */
    public boolean forbidsPolicy(String policyArn) {
        String name = policyName(policyArn);
        return Stream.concat(list(FORBIDDEN_POLICY_ARNS).stream(), ALWAYS_FORBIDDEN_POLICIES.stream())
                .anyMatch(f -> Glob.matches(policyName(f), name, true));
    }

    /** The policy's name: what follows its last '/' (IAM policy names contain none). */
    static String policyName(String policyArn) {
        return policyArn.substring(policyArn.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }
}
