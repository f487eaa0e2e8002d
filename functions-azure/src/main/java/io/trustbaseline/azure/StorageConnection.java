package io.trustbaseline.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.trustbaseline.core.AppSettings;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How the functions reach the storage account of a connection named by an app setting, in the two forms the
 * Functions host documents (Azure Functions, "Connecting to host storage with an identity"):
 * <ul>
 *   <li>a connection string in {@code <name>} itself;</li>
 *   <li>an identity: {@code <name>__queueServiceUri} (or {@code <name>__accountName}, for the public cloud's
 *   {@code https://<account>.queue.core.windows.net}), with {@code <name>__credential = managedidentity} and
 *   optionally {@code <name>__clientId} for a user-assigned identity. Without {@code __credential} the
 *   development credentials of {@link DefaultAzureCredentialBuilder} are used, as the host does locally.</li>
 * </ul>
 */
public sealed interface StorageConnection permits StorageConnection.ConnectionString, StorageConnection.Identity {

    /** A connection string (holds the account key, or is the emulator's {@code UseDevelopmentStorage=true}). */
    record ConnectionString(String value) implements StorageConnection {
        @Override
        public String toString() { return "ConnectionString[redacted]"; }
    }

    /** The queue service's URI and how to get a token for it. */
    record Identity(URI queueServiceUri, boolean managedIdentity, String clientId) implements StorageConnection {
        /** The credential the settings ask for. */
        public TokenCredential credential() {
            if (managedIdentity) {
                ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
                return clientId == null ? builder.build() : builder.clientId(clientId).build();
            }
            DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
            return clientId == null ? builder.build() : builder.managedIdentityClientId(clientId).build();
        }
    }

    /**
     * The connection the settings of {@code name} describe, if any: the connection string wins when both forms are
     * set, as in the host. An identity-based setting that is not usable fails naming the setting and the rule.
     */
    static Optional<StorageConnection> fromSettings(Map<String, String> env, String name) {
        Optional<String> connectionString = AppSettings.value(env, name);
        if (connectionString.isPresent()) {
            return Optional.of(new ConnectionString(connectionString.get()));
        }
        Optional<String> serviceUri = AppSettings.value(env, name + "__queueServiceUri");
        Optional<String> account = AppSettings.value(env, name + "__accountName");
        if (serviceUri.isEmpty() && account.isEmpty()) {
            return Optional.empty();
        }
        URI uri = serviceUri.map(u -> queueServiceUri(name + "__queueServiceUri", u))
                .orElseGet(() -> accountUri(name + "__accountName", account.get()));
        Optional<String> credential = AppSettings.value(env, name + "__credential");
        if (credential.isPresent() && !credential.get().equalsIgnoreCase("managedidentity")) {
            throw new IllegalArgumentException(name + "__credential: the only credential the host documents is"
                    + " managedidentity (was " + credential.get() + ")");
        }
        return Optional.of(new Identity(uri, credential.isPresent(), AppSettings.value(env, name + "__clientId").orElse(null)));
    }

    private static URI queueServiceUri(String setting, String value) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": must be a URI such as https://<account>.queue.core.windows.net"
                    + " (was not one)");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(setting + ": must be an https URI such as"
                    + " https://<account>.queue.core.windows.net (tokens are sent only over HTTPS; was " + value + ")");
        }
        return uri;
    }

    /** Storage account names: 3-24 lower-case letters and digits. */
    private static URI accountUri(String setting, String account) {
        String name = account.strip();
        if (!name.matches("[a-z0-9]{3,24}")) {
            throw new IllegalArgumentException(setting + ": must be a storage account name (3-24 lower-case letters"
                    + " and digits; was " + account + ")");
        }
        return URI.create("https://" + name + ".queue.core.windows.net");
    }
}
