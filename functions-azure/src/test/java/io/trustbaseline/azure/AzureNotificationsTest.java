package io.trustbaseline.azure;

import com.sun.net.httpserver.HttpServer;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.notify.Notifier;
import io.trustbaseline.core.setting.Catalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Azure's notifications: off by default; on, the sweep's blocked registry is posted to the webhook the Key Vault
 * reference resolved to; a reference the platform did not resolve stops the app at start with what to grant.
 */
class AzureNotificationsTest {

    @Test
    void offUnlessAFormatIsSet() {
        assertSame(Notifier.NONE, AzureNotifications.from(Map.of("NOTIFY_WEBHOOK_URL", "https://hooks.example.com/x")));
    }

    @Test
    void anUnresolvedKeyVaultReferenceIsRefusedSayingWhatToGrant() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AzureNotifications.from(Map.of(
                "NOTIFY_WEBHOOK_FORMAT", "teams",
                "NOTIFY_WEBHOOK_URL", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/hook/)")));
        assertTrue(e.getMessage().endsWith("grant the app's identity 'Key Vault Secrets User' on the vault"), e.getMessage());
    }

    @Test
    void theSweepsBlockedRegistryIsPostedToTheWebhook() throws IOException {
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        AzureTestCloud cloud = AzureTestCloud.start();
        io.trustbaseline.azure.local.LocalQueue queue = new io.trustbaseline.azure.local.LocalQueue();
        try {
            Notifier notifier = AzureNotifications.from(Map.of("NOTIFY_WEBHOOK_FORMAT", "slack",
                    "NOTIFY_WEBHOOK_URL", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"));
            AzureRuntime runtime = AzureRuntime.builder(ArmConnection.local(cloud.cloud().endpoint()),
                            new BaselineLoader(Catalog.standard()).parse(sample("baseline.yaml")))
                    .sweepSubscriptions(List.of(AzureTestCloud.SUB)).notifier(notifier).queues(queue, queue).build();

            new Sweep(runtime).run(sample("azure/timer-sweep.json"), context("Sweep"));
            queue.drain(runtime, 2); // each swept target's report is notified by the worker that made it

            assertEquals(1, posted.size(), posted::toString);
            assertTrue(posted.get(0).contains("blocked: ") && posted.get(0).contains("acrbasicweu acr-trusted-services"),
                    posted.get(0));
        } finally {
            cloud.close();
            hook.stop(0);
        }
    }
}
