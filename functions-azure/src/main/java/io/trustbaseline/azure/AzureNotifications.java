package io.trustbaseline.azure;

import io.trustbaseline.core.notify.Notifier;
import io.trustbaseline.core.notify.WebhookNotifier;

import java.util.Map;

/**
 * Notifications on Azure (off by default): {@code NOTIFY_WEBHOOK_FORMAT} turns them on; {@value #URL_SETTING} is a
 * Key Vault reference ({@code @Microsoft.KeyVault(SecretUri=…)}, set so by infra/azure/main.bicep) that the platform
 * resolves with the app's identity, so the URL lives only in the vault.
 */
final class AzureNotifications {
    static final String URL_SETTING = "NOTIFY_WEBHOOK_URL";
    private static final String UNRESOLVED = "@Microsoft.KeyVault(";

    private AzureNotifications() { }

    static Notifier from(Map<String, String> env) {
        return WebhookNotifier.fromSettings(env, URL_SETTING, url -> {
            if (url.startsWith(UNRESOLVED)) {
                throw new IllegalStateException(URL_SETTING + " is a Key Vault reference the platform did not resolve:"
                        + " grant the app's identity 'Key Vault Secrets User' on the vault");
            }
            return () -> url;
        }, System.err::println);
    }
}
