package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.World;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What AWS keeps that callers can only choose from (catalogue.json beside this class): the EKS add-ons and their
 * versions, and the AWS managed policies of the {@code aws} partition (the only partition the local cloud serves).
 * A world adds its own: {@code aws.addonVersions.<name>} (same shape, replacing the built-in entry) and
 * {@code aws.managedPolicies[]}.
 */
final class AwsCatalogue {
    private static final JsonNode BUILT_IN = load();

    private AwsCatalogue() { }

    /** An add-on's entry ({@code type, publisher, owner, versions[] newest first, clusterVersions[]}), if offered. */
    static Optional<JsonNode> addon(ObjectNode root, String name) {
        JsonNode own = root.path("aws").path("addonVersions").get(name);
        JsonNode found = own != null ? own : BUILT_IN.path("addonVersions").get(name);
        return Optional.ofNullable(found);
    }

    /** Every add-on offered, by name. */
    static List<String> addonNames(ObjectNode root) {
        List<String> names = new ArrayList<>();
        BUILT_IN.path("addonVersions").fieldNames().forEachRemaining(names::add);
        root.path("aws").path("addonVersions").fieldNames().forEachRemaining(n -> {
            if (!names.contains(n)) {
                names.add(n);
            }
        });
        names.sort(null);
        return names;
    }

    static List<String> versions(JsonNode addon) {
        List<String> out = new ArrayList<>();
        addon.path("versions").forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Whether an AWS managed policy ARN exists: listed here or by the world, and in the aws partition. */
    static boolean managedPolicyExists(ObjectNode root, String arn) {
        for (JsonNode list : List.of(BUILT_IN.path("managedPolicies"), root.path("aws").path("managedPolicies"))) {
            for (JsonNode listed : list) {
                if (listed.asText().equals(arn)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode load() {
        try (InputStream in = AwsCatalogue.class.getResourceAsStream("catalogue.json")) {
            return World.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("local cloud: cannot read the AWS catalogue", e);
        }
    }
}
