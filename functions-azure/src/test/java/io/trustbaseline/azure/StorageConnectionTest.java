package io.trustbaseline.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.QueueStorageException;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.localcloud.azure.Azurite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two forms of {@code AzureWebJobsStorage}: which client the settings choose, and a queue reached by its service
 * URI with a bearer token, against Azurite over HTTPS with OAuth on.
 */
class StorageConnectionTest {
    private static final String PASSWORD = "local-test-only";

    @Test
    void aConnectionStringIsUsedAsItIsAndWinsOverIdentitySettings() {
        StorageConnection connection = StorageConnection.fromSettings(Map.of("AzureWebJobsStorage", "UseDevelopmentStorage=true",
                "AzureWebJobsStorage__queueServiceUri", "https://stacc.queue.core.windows.net"), "AzureWebJobsStorage").orElseThrow();

        assertEquals(new StorageConnection.ConnectionString("UseDevelopmentStorage=true"), connection);
        assertFalse(connection.toString().contains("UseDevelopmentStorage"), "a connection string may hold a key: never printed");
    }

    @Test
    void aQueueServiceUriWithManagedIdentityChoosesTheManagedIdentityWithItsClientId() {
        StorageConnection connection = StorageConnection.fromSettings(Map.of(
                "AzureWebJobsStorage__queueServiceUri", "https://stacc.queue.core.windows.net",
                "AzureWebJobsStorage__credential", "managedidentity",
                "AzureWebJobsStorage__clientId", "00000000-0000-0000-0000-000000000001"), "AzureWebJobsStorage").orElseThrow();

        assertEquals(new StorageConnection.Identity(URI.create("https://stacc.queue.core.windows.net"), true,
                "00000000-0000-0000-0000-000000000001"), connection);
        assertEquals("ManagedIdentityCredential", ((StorageConnection.Identity) connection).credential().getClass().getSimpleName());
    }

    @Test
    void anAccountNameGivesThePublicCloudsQueueServiceAndWithoutCredentialTheDefaultChain() {
        StorageConnection.Identity identity = (StorageConnection.Identity) StorageConnection.fromSettings(Map.of(
                "AzureWebJobsStorage__accountName", "stacc"), "AzureWebJobsStorage").orElseThrow();

        assertEquals(URI.create("https://stacc.queue.core.windows.net"), identity.queueServiceUri());
        assertFalse(identity.managedIdentity());
        assertEquals("DefaultAzureCredential", identity.credential().getClass().getSimpleName());
    }

    @Test
    void noSettingMeansNoQueueAndAnUnusableOneNamesTheSettingAndTheRule() {
        assertEquals(Optional.empty(), StorageConnection.fromSettings(Map.of(), "AzureWebJobsStorage"));
        IllegalArgumentException http = assertThrows(IllegalArgumentException.class, () -> StorageConnection.fromSettings(
                Map.of("AzureWebJobsStorage__queueServiceUri", "http://stacc.queue.core.windows.net"), "AzureWebJobsStorage"));
        assertTrue(http.getMessage().startsWith("AzureWebJobsStorage__queueServiceUri: must be an https URI"), http.getMessage());
        IllegalArgumentException credential = assertThrows(IllegalArgumentException.class, () -> StorageConnection.fromSettings(
                Map.of("AzureWebJobsStorage__accountName", "stacc", "AzureWebJobsStorage__credential", "secret"),
                "AzureWebJobsStorage"));
        assertTrue(credential.getMessage().startsWith("AzureWebJobsStorage__credential: "), credential.getMessage());
        IllegalArgumentException account = assertThrows(IllegalArgumentException.class, () -> StorageConnection.fromSettings(
                Map.of("AzureWebJobsStorage__accountName", "St_Acc"), "AzureWebJobsStorage"));
        assertTrue(account.getMessage().startsWith("AzureWebJobsStorage__accountName: "), account.getMessage());
    }

    @Test
    void theQueuesReachedByServiceUriWithABearerTokenTakeWorkAndAWrongAudienceIsRefused(@TempDir Path dir) throws Exception {
        Path pfx = selfSignedLoopbackCertificate(dir);
        HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(trusting(pfx))).build();
        try (Azurite azurite = Azurite.startQueuesWithOAuth(pfx, PASSWORD)) {
            URI service = azurite.endpoint();
            assertEquals("https", service.getScheme());
            StorageWorkQueue queue = StorageWorkQueue.withToken(service, token("https://storage.azure.com"), http)
                    .createIfMissing();
            WorkMessage work = WorkMessage.forTarget(Trigger.EVENT, "evt-1", "event-grid", AzureResourceId.of(
                    "00000000-0000-0000-0000-000000000001", "rg", "Microsoft.ContainerService/managedClusters", "aks1"),
                    false, Instant.parse("2026-12-01T04:00:00Z"), Optional.empty());

            queue.send(java.util.List.of(work));

            var received = new QueueClientBuilder().endpoint(service.toString()).credential(token("https://storage.azure.com"))
                    .httpClient(http).queueName(TicketQueue.REQUESTS).buildClient().receiveMessage();
            assertEquals(work.toJson(), received.getBody().toString());
            QueueStorageException refused = assertThrows(QueueStorageException.class, () ->
                    StorageWorkQueue.withToken(service, token("https://management.azure.com"), http).send(java.util.List.of(work)));
            assertEquals(403, refused.getStatusCode(), "the token is what let the first send in");
        }
    }

    /** A JWT with the claims Azure Storage checks (Azurite's basic OAuth does not verify the signature). */
    private static TokenCredential token(String audience) {
        long now = Instant.now().getEpochSecond();
        String header = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = base64("{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/"
                + "00000000-0000-0000-0000-000000000002/\",\"iat\":" + (now - 60) + ",\"nbf\":" + (now - 60) + ",\"exp\":" + (now + 3600)
                + ",\"oid\":\"00000000-0000-0000-0000-000000000003\"}");
        String jwt = header + "." + claims + ".c2lnbmF0dXJl";
        return request -> Mono.just(new AccessToken(jwt, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A key pair and certificate for 127.0.0.1, made with the JDK's keytool. */
    private static Path selfSignedLoopbackCertificate(Path dir) throws Exception {
        Path pfx = dir.resolve("azurite.pfx");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "azurite", "-keyalg", "RSA", "-keysize", "2048",
                "-storetype", "PKCS12", "-keystore", pfx.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD,
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return pfx;
    }

    private static SSLContext trusting(Path pfx) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pfx)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
