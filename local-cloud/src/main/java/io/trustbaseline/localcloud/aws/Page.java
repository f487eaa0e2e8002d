package io.trustbaseline.localcloud.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a listing and the opaque token of the next one (EKS {@code nextToken}, IAM {@code Marker}).
 * The token encodes the offset of the next item; listings are in a stable order, so that is enough locally.
 */
record Page<T>(List<T> items, String next) {

    /** The page of {@code all} that starts at {@code token} (null: the first). Throws IllegalArgumentException on a bad token. */
    static <T> Page<T> of(List<T> all, String token, int max) {
        int from = token == null ? 0 : decode(token);
        if (from > all.size()) {
            throw new IllegalArgumentException("the pagination token is not valid");
        }
        int to = Math.min(all.size(), from + max);
        String next = to < all.size() ? encode(to) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("offset:")) {
                throw new IllegalArgumentException("the pagination token is not valid");
            }
            int offset = Integer.parseInt(text.substring("offset:".length()));
            if (offset < 0) {
                throw new IllegalArgumentException("the pagination token is not valid");
            }
            return offset;
        } catch (IllegalArgumentException e) { // also NumberFormatException and bad Base64
            throw new IllegalArgumentException("the pagination token is not valid", e);
        }
    }
}
