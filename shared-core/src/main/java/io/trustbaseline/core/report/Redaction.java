package io.trustbaseline.core.report;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that may reach a log or a report: SAS signatures, bearer tokens, AWS signatures
 * and session tokens, connection-string keys. Error messages from SDKs can echo request URLs and headers.
 */
public final class Redaction {
    private static final Pattern SECRETS = Pattern.compile(
            "(?i)(\\b(?:sig|signature|x-amz-signature|x-amz-security-token|x-amz-credential|accountkey|sharedaccesskey"
                    + "|password|client_secret|access_token|refresh_token)=)[^&\\s;\"']+"
                    + "|(\\bBearer\\s+)[A-Za-z0-9._~+/=-]+"
                    + "|(\\b(?:aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken)\"?\\s*[:=]\\s*\"?)[^\\s\",]+"
                    + "|(\\bSignature=)[0-9a-f]+");

    private Redaction() { }

    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        return SECRETS.matcher(text).replaceAll(m -> {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    return java.util.regex.Matcher.quoteReplacement(m.group(g)) + "[REDACTED]";
                }
            }
            return "[REDACTED]";
        });
    }
}
