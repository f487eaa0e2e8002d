package io.trustbaseline.core.setting.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.target.EksClusterArn;

import java.util.Optional;

/**
 * The role trust policy EKS Pod Identity needs: {@code pods.eks.amazonaws.com} may {@code sts:AssumeRole} and
 * {@code sts:TagSession}, optionally only for one cluster ({@code aws:SourceAccount} + {@code aws:SourceArn}).
 * Merging adds or fixes that one statement and keeps every other statement as it is.
 */
public final class TrustPolicy {
    public static final String PRINCIPAL = "pods.eks.amazonaws.com";
    private static final String SID = "EksPodIdentity";

    private TrustPolicy() { }

    /** A new policy document with just the Pod Identity statement. */
    public static String standard(EksClusterArn restrictTo) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode().put("Version", "2012-10-17");
        doc.putArray("Statement").add(statement(restrictTo));
        return Json.write(doc);
    }

    /**
     * The document with the Pod Identity statement in place, or empty when {@code current} already grants it.
     * A statement for the pods principal alone that lacks an action or the cluster condition is replaced; others
     * (including one that trusts another principal too) are kept as they are.
     */
    public static Optional<String> ensure(String current, EksClusterArn restrictTo) {
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

    /** Whether {@code document} lets Pod Identity assume the role (for {@code restrictTo}'s cluster, when given). */
    public static boolean grantsPodIdentity(String document, EksClusterArn restrictTo) {
        ArrayNode statements = statements(parse(document));
        for (JsonNode s : statements) {
            if (grants(s, restrictTo)) {
                return true;
            }
        }
        return false;
    }

    private static boolean grants(JsonNode s, EksClusterArn restrictTo) {
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

    private static ObjectNode statement(EksClusterArn restrictTo) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("Sid", SID).put("Effect", "Allow");
        s.putObject("Principal").put("Service", PRINCIPAL);
        s.putArray("Action").add("sts:AssumeRole").add("sts:TagSession");
        if (restrictTo != null) {
            s.set("Condition", condition(restrictTo));
        }
        return s;
    }

    private static ObjectNode condition(EksClusterArn cluster) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.putObject("StringEquals").put("aws:SourceAccount", cluster.accountId());
        c.putObject("ArnEquals").put("aws:SourceArn", cluster.id());
        return c;
    }

    private static boolean hasValue(JsonNode node, String value) {
        if (node.isTextual()) {
            return node.asText().equals(value);
        }
        if (node.isArray()) {
            for (JsonNode e : node) {
                if (e.asText().equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ObjectNode parse(String document) {
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
    private static ArrayNode statements(ObjectNode doc) {
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
