package io.trustbaseline.core.setting.aws;

import io.trustbaseline.core.target.EksClusterArn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Renders role-name templates such as {@code {cluster}-{namespace}-{serviceAccount}}. IAM allows 64 characters:
 * a longer name is cut and ends with a short hash of the whole, so it stays unique and the same on every run.
 */
public final class RoleNames {
    public static final int MAX_LENGTH = 64;
    private static final int HASH_LENGTH = 8;

    private RoleNames() { }

    public static String render(String template, EksClusterArn cluster, String namespace, String serviceAccount) {
        String full = template.replace("{cluster}", cluster.name())
                .replace("{namespace}", namespace)
                .replace("{serviceAccount}", serviceAccount);
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        return full.substring(0, MAX_LENGTH - HASH_LENGTH - 1) + "-" + hash(full);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
