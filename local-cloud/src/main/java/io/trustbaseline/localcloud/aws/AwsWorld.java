package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reading the {@code aws} part of the world file: accounts, their IAM roles and policies.
 *
 * <p>Which account a request acts in: the world holds accounts by id, but a local request carries only an access key
 * id. The convention is that <b>the access key id is the account id</b> (STS AssumeRole hands out such keys). Of the
 * accounts that hold what the request is about, the one whose id equals the access key id is chosen; if the key
 * names none of them, the only account that holds it; otherwise there is no answer.
 */
final class AwsWorld {
    /** Shown for roles seeded without a {@code createDate}: the world file does not need to carry one. */
    static final Instant SEEDED = Instant.parse("2024-01-01T00:00:00Z");

    private AwsWorld() { }

    static ObjectNode accounts(ObjectNode root) {
        return root.withObject("/aws").withObject("/accounts");
    }

    /** The account that holds what {@code holds} accepts, by the convention of the class comment, or empty. */
    static Optional<String> resolve(ObjectNode root, String accessKeyId, Predicate<JsonNode> holds) {
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : accounts(root).properties()) {
            if (holds.test(e.getValue())) {
                candidates.add(e.getKey());
            }
        }
        if (accessKeyId != null && candidates.contains(accessKeyId)) {
            return Optional.of(accessKeyId);
        }
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /** The caller's account for global services (IAM, STS), or the AWS error for an unknown key. */
    static String callerAccount(ObjectNode root, String accessKeyId) {
        return resolve(root, accessKeyId, account -> true).orElseThrow(() -> new AwsError("InvalidClientTokenId", 403,
                "The security token included in the request is invalid."));
    }

    /** The {@code iam} object of an account, created on first use. */
    static ObjectNode iam(ObjectNode root, String account) {
        return accounts(root).withObject("/" + account).withObject("/iam");
    }

    /** A role by name; IAM role names are unique regardless of case, so the lookup ignores case. */
    static Optional<Map.Entry<String, ObjectNode>> findRole(ObjectNode root, String account, String name) {
        JsonNode roles = accounts(root).path(account).path("iam").path("roles");
        for (Map.Entry<String, JsonNode> e : roles.properties()) {
            if (e.getKey().equalsIgnoreCase(name) && e.getValue() instanceof ObjectNode role) {
                return Optional.of(Map.entry(e.getKey(), role));
            }
        }
        return Optional.empty();
    }

    static String rolePath(JsonNode role) {
        return role.path("path").asText("/");
    }

    /** A role id that stays the same across runs: {@code AROA} and 17 characters derived from the role's ARN. */
    static String roleId(JsonNode role, String arn) {
        return role.hasNonNull("roleId") ? role.get("roleId").asText() : "AROA" + stableId(arn);
    }

    /** 17 upper-case base-32 characters derived from {@code seed}, like the tail of an IAM unique id. */
    static String stableId(String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                out.append(alphabet.charAt((hash[i] & 0xff) % 32));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant instant(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : SEEDED;
    }
}
