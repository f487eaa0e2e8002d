package io.trustbaseline.aws;

import io.trustbaseline.core.notify.Notifier;
import io.trustbaseline.core.notify.WebhookNotifier;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notifications on Lambda (off by default): {@code NOTIFY_WEBHOOK_FORMAT} turns them on and
 * {@value #SECRET_ARN} names the Secrets Manager secret whose string is the webhook URL, read on the first
 * notification. The URL itself is never accepted from a setting.
 */
final class AwsNotifications {
    static final String SECRET_ARN = "NOTIFY_WEBHOOK_SECRET_ARN";
    private static final Pattern ARN = Pattern.compile(
            "^arn:aws(?:-cn|-us-gov)?:secretsmanager:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}):\\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$");

    private AwsNotifications() { }

    static Notifier from(Map<String, String> env, AwsClients clients) {
        return WebhookNotifier.fromSettings(env, SECRET_ARN, arn -> {
            Matcher m = ARN.matcher(arn);
            if (!m.matches()) {
                throw new IllegalStateException(SECRET_ARN + " must be a Secrets Manager secret ARN"
                        + " (arn:aws:secretsmanager:<region>:<account>:secret:<name>): the webhook URL is a secret and"
                        + " is never taken from a plain setting");
            }
            String region = m.group(1);
            return () -> clients.secretsManager(region).getSecretValue(r -> r.secretId(arn)).secretString();
        }, System.err::println);
    }
}
