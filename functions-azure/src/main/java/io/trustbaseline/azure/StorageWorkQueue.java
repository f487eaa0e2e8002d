package io.trustbaseline.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.util.BinaryData;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import io.trustbaseline.core.delivery.DeadLetterQueue;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.delivery.WorkQueue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The {@code trust-requests} Storage queue and its poison queue, as the functions write to them (the host reads
 * them). Messages are plain JSON text, as host.json's {@code messageEncoding: none} expects. A delayed send sets
 * the message's initial visibility timeout, which Azure allows up to seven days. Storage queues have no batch send:
 * each message is one Put Message.
 */
public final class StorageWorkQueue implements WorkQueue, DeadLetterQueue {
    /** Put Message takes an initial visibility timeout of 0 s up to 7 days. */
    static final Duration MAX_VISIBILITY = Duration.ofDays(7);
    /**
     * The longest one write to a queue may take, the client's retries included: a message's end is written within
     * it or fails (the function throws, and the host delivers the message again), so host.json's functionTimeout can
     * count it.
     */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** The queue the Functions host moves a message to after maxDequeueCount deliveries; expired work goes there too. */
    public static final String POISON = TicketQueue.REQUESTS + "-poison";

    private final QueueClient requests;
    private final QueueClient poison;

    private StorageWorkQueue(QueueClient requests, QueueClient poison) {
        this.requests = requests;
        this.poison = poison;
    }

    /** The queues of the storage account {@code connection} names (the app settings of {@code AzureWebJobsStorage}). */
    public static StorageWorkQueue connect(StorageConnection connection) {
        if (connection instanceof StorageConnection.Identity identity) {
            return withToken(identity.queueServiceUri(), identity.credential(), null);
        }
        String connectionString = ((StorageConnection.ConnectionString) connection).value();
        return new StorageWorkQueue(
                new QueueClientBuilder().connectionString(connectionString).queueName(TicketQueue.REQUESTS).buildClient(),
                new QueueClientBuilder().connectionString(connectionString).queueName(POISON).buildClient());
    }

    /**
     * The queues of the queue service at {@code serviceUri}, each request carrying a bearer token from
     * {@code credential} (Microsoft Entra ID; the SDK sends tokens only over HTTPS); {@code http} when the default
     * HTTP client will not do (a local emulator's own certificate).
     */
    static StorageWorkQueue withToken(URI serviceUri, TokenCredential credential, HttpClient http) {
        return new StorageWorkQueue(tokenClient(serviceUri, credential, http, TicketQueue.REQUESTS),
                tokenClient(serviceUri, credential, http, POISON));
    }

    private static QueueClient tokenClient(URI serviceUri, TokenCredential credential, HttpClient http, String queue) {
        QueueClientBuilder builder = new QueueClientBuilder().endpoint(serviceUri.toString()).credential(credential)
                .queueName(queue);
        return (http == null ? builder : builder.httpClient(http)).buildClient();
    }

    /** Creates both queues when they are missing: the local emulator starts empty (the templates create them in Azure). */
    public StorageWorkQueue createIfMissing() {
        requests.createIfNotExists();
        poison.createIfNotExists();
        return this;
    }

    @Override
    public void send(List<WorkMessage> messages) {
        messages.forEach(m -> write(() -> requests.sendMessageWithResponse(BinaryData.fromString(m.toJson()), null,
                null, WRITE_TIMEOUT, null)));
    }

    @Override
    public void sendLater(WorkMessage message, Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_VISIBILITY) > 0) {
            throw new IllegalArgumentException("a Storage queue delays a message by 0 to 7 days (was " + delay + ")");
        }
        write(() -> requests.sendMessageWithResponse(BinaryData.fromString(message.toJson()), delay, null, WRITE_TIMEOUT,
                null));
    }

    /** The work with its reason in the body ({@code deadLetterReason}), beside what the host itself poisons. */
    @Override
    public void put(WorkMessage work, String reason) {
        write(() -> poison.sendMessageWithResponse(BinaryData.fromString(work.toDeadLetterJson(reason)), null, null,
                WRITE_TIMEOUT, null));
    }

    /**
     * A Storage write given {@link #WRITE_TIMEOUT}: the service's refusal as the client throws it without one (with a
     * timeout, the sync client wraps it in an ExecutionException inside a RuntimeException).
     */
    static void write(Runnable send) {
        try {
            send.run();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof ExecutionException failed && failed.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw e;
        }
    }

}
