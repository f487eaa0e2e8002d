package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.DeploymentFile;
import io.trustbaseline.localcloud.Permissions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions' IAM policy as infra/aws/permissions.json writes it (template.yaml includes the same file), evaluated
 * as IAM does for one identity-based policy: an explicit Deny wins, else an Allow whose Action, Resource and Condition
 * all match, else the implicit deny. {@code Fn::Sub} values are resolved with the partition, the caller's account
 * ({@code aws:PrincipalAccount}) and the template's parameter defaults. Wildcards {@code *} and {@code ?} work as in
 * IAM; actions ignore case, resources do not. Condition operators: String(Not)Equals, String(Not)Like,
 * Arn(Not)Equals, Arn(Not)Like, each optionally ForAllValues:/ForAnyValue:; any other is refused when loading, so the
 * policy never means more here than in IAM.
 */
public final class IamPolicy implements Permissions {
    /** The global condition key naming the caller's account; {@code ${AWS::AccountId}} resolves to it. */
    static final String PRINCIPAL_ACCOUNT = "aws:PrincipalAccount";
    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringLike", "StringNotLike",
            "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final ObjectNode document;
    private final Map<String, String> parameters;

    private IamPolicy(ObjectNode document, Map<String, String> parameters) {
        this.document = document;
        this.parameters = Map.copyOf(parameters);
        checkOperators();
    }

    /** The policy the deployment attaches, with the template's parameter defaults. */
    public static IamPolicy deployment() {
        Map<String, String> defaults = new LinkedHashMap<>();
        DeploymentFile.yaml("aws/template.yaml").path("Parameters").properties().forEach(p -> {
            if (p.getValue().has("Default")) {
                defaults.put(p.getKey(), p.getValue().get("Default").asText());
            }
        });
        return new IamPolicy((ObjectNode) DeploymentFile.json("aws/permissions.json"), defaults);
    }

    @Override
    public boolean allows(Access access) {
        boolean allowed = false;
        for (JsonNode statement : statements()) {
            if (!matches(statement, access)) {
                continue;
            }
            if (statement.path("Effect").asText().equals("Deny")) {
                return false;
            }
            allowed = true;
        }
        return allowed;
    }

    @Override
    public List<String> actions() {
        List<String> out = new ArrayList<>();
        statements().forEach(s -> out.addAll(strings(s.path("Action"), Map.of())));
        return out;
    }

    @Override
    public IamPolicy without(String action) {
        ObjectNode copy = document.deepCopy();
        ArrayNode kept = copy.putArray("Statement");
        boolean removed = false;
        for (JsonNode statement : statements()) {
            List<String> actions = strings(statement.path("Action"), Map.of());
            removed |= actions.remove(action);
            if (!actions.isEmpty()) {
                ObjectNode s = statement.deepCopy();
                ArrayNode list = s.putArray("Action");
                actions.forEach(list::add);
                kept.add(s);
            }
        }
        if (!removed) {
            throw new IllegalArgumentException("the policy does not grant " + action);
        }
        return new IamPolicy(copy, parameters);
    }

    private List<JsonNode> statements() {
        List<JsonNode> out = new ArrayList<>();
        JsonNode statement = document.path("Statement");
        if (statement.isArray()) {
            statement.forEach(out::add);
        } else if (statement.isObject()) {
            out.add(statement);
        }
        return out;
    }

    private boolean matches(JsonNode statement, Access access) {
        Map<String, String> variables = variables(access);
        boolean action = strings(statement.path("Action"), variables).stream()
                .anyMatch(a -> wildcard(a, true).matcher(access.action()).matches());
        boolean resource = strings(statement.path("Resource"), variables).stream()
                .anyMatch(r -> wildcard(r, false).matcher(access.resource()).matches());
        return action && resource && conditionsHold(statement.path("Condition"), access, variables);
    }

    private Map<String, String> variables(Access access) {
        Map<String, String> out = new LinkedHashMap<>(parameters);
        out.put("AWS::Partition", "aws");
        access.context().getOrDefault(PRINCIPAL_ACCOUNT, List.of()).stream().findFirst()
                .ifPresent(account -> out.put("AWS::AccountId", account));
        return out;
    }

    /** Every operator and key must hold (IAM ANDs them); the values of one key are ORed. */
    private boolean conditionsHold(JsonNode conditions, Access access, Map<String, String> variables) {
        for (Map.Entry<String, JsonNode> operator : conditions.properties()) {
            String name = operator.getKey();
            String set = name.contains(":") ? name.substring(0, name.indexOf(':')) : "";
            String test = name.substring(name.indexOf(':') + 1);
            boolean negated = test.contains("Not");
            boolean wildcards = test.startsWith("Arn") || test.endsWith("Like");
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                List<String> allowed = strings(key.getValue(), variables);
                List<String> present = access.context().getOrDefault(key.getKey(), List.of());
                if (!holds(set, negated, wildcards, allowed, present)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String set, boolean negated, boolean wildcards, List<String> allowed, List<String> present) {
        java.util.function.Predicate<String> matchesOne = value -> allowed.stream()
                .anyMatch(a -> wildcards ? wildcard(a, false).matcher(value).matches() : a.equals(value));
        java.util.function.Predicate<String> test = negated ? matchesOne.negate() : matchesOne;
        return switch (set) {
            case "ForAllValues" -> present.stream().allMatch(test);
            case "ForAnyValue" -> present.stream().anyMatch(test);
            // A single-valued key that is absent: only the negated operators hold.
            default -> present.isEmpty() ? negated : test.test(present.get(0));
        };
    }

    private void checkOperators() {
        for (JsonNode statement : statements()) {
            for (String field : List.of("NotAction", "NotResource", "Principal", "NotPrincipal")) {
                if (statement.has(field)) {
                    throw new IllegalArgumentException("local cloud: the policy uses " + field + ", which it does not evaluate");
                }
            }
            statement.path("Condition").fieldNames().forEachRemaining(operator -> {
                String test = operator.substring(operator.indexOf(':') + 1);
                String set = operator.contains(":") ? operator.substring(0, operator.indexOf(':')) : "";
                if (!OPERATORS.contains(test) || !List.of("", "ForAllValues", "ForAnyValue").contains(set)) {
                    throw new IllegalArgumentException("local cloud: the policy uses the condition operator " + operator
                            + ", which it does not evaluate");
                }
            });
        }
    }

    /** A string, a {@code Fn::Sub}, or a list of them, resolved. */
    private static List<String> strings(JsonNode node, Map<String, String> variables) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.addAll(strings(n, variables)));
        } else if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.has("Fn::Sub")) {
            out.add(substitute(node.get("Fn::Sub").asText(), variables));
        } else if (!node.isMissingNode()) {
            throw new IllegalArgumentException("local cloud: the policy has a value it cannot resolve: " + node);
        }
        return out;
    }

    private static String substitute(String template, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            // An unresolved variable (no caller account) matches nothing rather than anything.
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "\u0000")));
        }
        return m.appendTail(out).toString();
    }

    private static Pattern wildcard(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }
}
