package io.trustbaseline.core.setting.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.baseline.Glob;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.target.EksClusterArn;

import java.util.List;
import java.util.Optional;

/**
 * The role trust policy EKS Pod Identity needs: {@code pods.eks.amazonaws.com} may {@code sts:AssumeRole} and
 * {@code sts:TagSession}, optionally only for one cluster's service account. The restriction uses the keys the EKS
 * User Guide documents ("Create IAM role with trust policy required by EKS Pod Identity", "Enable or disable session
 * tags"): the session tags Pod Identity sets ({@code aws:RequestTag/eks-cluster-arn}, {@code kubernetes-namespace},
 * {@code kubernetes-service-account}) plus {@code aws:SourceAccount}; it needs session tags, so an association that
 * disables them cannot use it. Merging adds or fixes that one statement and keeps every other statement as it is.
 * A policy is read as IAM evaluates it: an explicit Deny of Pod Identity wins over any Allow.
 */
public final class TrustPolicy {
    public static final String PRINCIPAL = "pods.eks.amazonaws.com";
    private static final String SID = "EksPodIdentity";
    private static final String EXTERNAL_ID_SID = "EksPodIdentityTargetRole";

    /** The one cluster and service account a role is restricted to. */
    public record Restriction(EksClusterArn cluster, String namespace, String serviceAccount) { }

    private TrustPolicy() { }

    /** A new policy document with just the Pod Identity statement. */
    public static String standard(Restriction restrictTo) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode().put("Version", "2012-10-17");
        doc.putArray("Statement").add(statement(restrictTo));
        return Json.write(doc);
    }

    /**
     * The document with the Pod Identity statement in place, or empty when {@code current} already grants it.
     * A statement for the pods principal alone that lacks an action or the cluster condition is replaced; others
     * (including one that trusts another principal too) are kept as they are.
     */
    public static Optional<String> ensure(String current, Restriction restrictTo) {
        ObjectNode doc = parse(current);
        ArrayNode statements = statements(doc);
        ObjectNode wanted = statement(restrictTo);
        int podsStatement = -1;
        for (int i = 0; i < statements.size(); i++) {
            JsonNode s = statements.get(i);
            if (grants(s, restrictTo)) {
                return Optional.empty();
            }
            if (podsStatement < 0 && "Allow".equals(s.path("Effect").asText()) && onlyPods(s.path("Principal"))) {
                podsStatement = i;
            }
        }
        if (podsStatement >= 0) {
            statements.set(podsStatement, wanted);
        } else {
            statements.add(wanted);
        }
        return Optional.of(Json.write(doc));
    }

    static boolean grants(JsonNode s, Restriction restrictTo) {
        return "Allow".equals(s.path("Effect").asText())
                && hasValue(s.path("Principal").path("Service"), PRINCIPAL)
                && (hasValue(s.path("Action"), "sts:AssumeRole") || hasValue(s.path("Action"), "sts:*"))
                && (hasValue(s.path("Action"), "sts:TagSession") || hasValue(s.path("Action"), "sts:*"))
                // Without a cluster restriction of our own, the owner's conditions stand: replacing the statement
                // with an unconditioned one would widen who may assume the role.
                && (restrictTo == null || s.path("Condition").equals(condition(restrictTo)));
    }

    /**
     * Whether a statement's principal is Pod Identity alone: only such a statement may be replaced, since replacing
     * one that also names another principal would take that principal's trust away.
     */
    private static boolean onlyPods(JsonNode principal) {
        JsonNode service = principal.path("Service");
        return principal.isObject() && principal.size() == 1
                && (service.isTextual() || (service.isArray() && service.size() == 1))
                && hasValue(service, PRINCIPAL);
    }

    private static ObjectNode statement(Restriction restrictTo) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("Sid", SID).put("Effect", "Allow");
        s.putObject("Principal").put("Service", PRINCIPAL);
        s.putArray("Action").add("sts:AssumeRole").add("sts:TagSession");
        if (restrictTo != null) {
            s.set("Condition", condition(restrictTo));
        }
        return s;
    }

    private static ObjectNode condition(Restriction r) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.putObject("StringEquals")
                .put("aws:SourceAccount", r.cluster().accountId())
                .put("aws:RequestTag/eks-cluster-arn", r.cluster().id())
                .put("aws:RequestTag/kubernetes-namespace", r.namespace())
                .put("aws:RequestTag/kubernetes-service-account", r.serviceAccount());
        return c;
    }

    /**
     * Whether a statement explicitly denies Pod Identity assuming the role or tagging its session. Conditions are not
     * evaluated (they depend on the request): a Deny that may apply is taken to apply, so the role is never reported
     * as usable when IAM may refuse it.
     */
    public static boolean deniesPodIdentity(String document) {
        for (JsonNode s : statements(parse(document))) {
            if ("Deny".equals(s.path("Effect").asText()) && mayName(s, "Principal", "NotPrincipal")
                    && (mayMatchAction(s, "sts:AssumeRole") || mayMatchAction(s, "sts:TagSession"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a Deny's principal may name Pod Identity. Each doubt resolves to "it may": a service principal in any
     * letter case names it, and only the exact name excludes it from a NotPrincipal.
     */
    private static boolean mayName(JsonNode s, String field, String notField) {
        if (s.has(notField)) {
            JsonNode not = s.get(notField);
            return !(hasValue(not.path("Service"), PRINCIPAL));
        }
        JsonNode p = s.path(field);
        return p.isTextual() && p.asText().equals("*")
                || values(p.path("Service")).stream().anyMatch(v -> v.equalsIgnoreCase(PRINCIPAL) || v.equals("*"))
                || hasValue(p.path("AWS"), "*");
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    private static boolean mayMatchAction(JsonNode s, String action) {
        if (s.has("NotAction")) {
            return !actionListed(s.get("NotAction"), action);
        }
        return actionListed(s.path("Action"), action);
    }

    /** IAM action names match without case, and with '*' and '?' wildcards. */
    private static boolean actionListed(JsonNode actions, String action) {
        return values(actions).stream().anyMatch(v -> Glob.matches(v, action, true));
    }

    /**
     * The target role's trust policy with the statement cross-account Pod Identity needs (EKS User Guide, "Access AWS
     * resources in another account with EKS Pod Identity"): the association's role may assume it and tag the session,
     * only with the association's external id. Empty when the policy has it already.
     */
    public static Optional<String> ensureExternalId(String current, String sourceRoleArn, String externalId) {
        ObjectNode doc = parse(current);
        ArrayNode statements = statements(doc);
        ObjectNode wanted = JsonNodeFactory.instance.objectNode().put("Sid", EXTERNAL_ID_SID).put("Effect", "Allow");
        wanted.putObject("Principal").put("AWS", sourceRoleArn);
        wanted.putArray("Action").add("sts:AssumeRole").add("sts:TagSession");
        wanted.putObject("Condition").putObject("StringEquals").put("sts:ExternalId", externalId);
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).equals(wanted)) {
                return Optional.empty();
            }
            if (EXTERNAL_ID_SID.equals(statements.get(i).path("Sid").asText())) {
                statements.set(i, wanted);
                return Optional.of(Json.write(doc));
            }
        }
        statements.add(wanted);
        return Optional.of(Json.write(doc));
    }

    private static boolean hasValue(JsonNode node, String value) {
        return values(node).contains(value);
    }

    static ObjectNode parse(String document) {
        if (document == null || document.isBlank()) {
            ObjectNode doc = JsonNodeFactory.instance.objectNode().put("Version", "2012-10-17");
            doc.putArray("Statement");
            return doc;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(document);
            if (!(node instanceof ObjectNode doc)) {
                throw new IllegalArgumentException("a trust policy must be a JSON object");
            }
            return doc;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the role's trust policy is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The Statement array; a single statement object is turned into an array of one. */
    static ArrayNode statements(ObjectNode doc) {
        JsonNode s = doc.get("Statement");
        if (s instanceof ArrayNode array) {
            return array;
        }
        ArrayNode array = doc.putArray("Statement");
        if (s != null && s.isObject()) {
            array.add(s);
        }
        return array;
    }
}
