package io.trustbaseline.core.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that may reach a log or a report: SAS signatures, bearer and JSON web tokens, AWS
 * signatures, access key ids, secret access keys and session tokens, storage account keys, connection-string keys.
 * Error messages from SDKs can echo request URLs and headers, and any field of a request (its id, requester, an
 * unknown field's name, a binding name) can carry what a careless or hostile author pasted. Reports are scrubbed
 * whole, after serialisation ({@link Report#toJson}), so no field is missed; a redacted span never contains a quote
 * or a backslash, so the JSON stays well formed.
 */
public final class Redaction {
    private static final String VALUE = "[^&\\s;\"'\\\\,]+";
    private static final Pattern KEYED = Pattern.compile(
            "(?i)(\\b(?:sig|signature|x-amz-signature|x-amz-security-token|x-amz-credential|accountkey|sharedaccesskey"
                    + "|sharedaccesssignature|password|pwd|client_secret|access_token|refresh_token|id_token|apikey"
                    + "|api_key|token|secret)=)" + VALUE
                    + "|(\\bBearer\\s+)[A-Za-z0-9._~+/=-]+"
                    + "|(\\b(?:aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken|accountKey|clientSecret"
                    + "|password)(?:\\\\?\")?\\s*[:=]\\s*(?:\\\\?\")?)" + VALUE);
    /** Secrets recognisable by their shape alone, wherever they stand. */
    private static final Pattern SHAPED = Pattern.compile(
            "\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*" // a JSON web token
                    + "|\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b" // an AWS access key id
                    + "|(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{86}==(?![A-Za-z0-9/+=])" // an Azure storage account key
                    // an AWS secret access key: 40 characters of its alphabet standing alone; a '.' before it is a
                    // boundary (a report's field path names a nested field "target.<name>")
                    + "|(?<![A-Za-z0-9/+=_-])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])"
                    + "(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=_.-])");

    private Redaction() { }

    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String keyed = KEYED.matcher(text).replaceAll(m -> {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    return Matcher.quoteReplacement(m.group(g)) + "[REDACTED]";
                }
            }
            return "[REDACTED]";
        });
        return SHAPED.matcher(keyed).replaceAll("[REDACTED]");
    }
}
