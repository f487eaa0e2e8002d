package io.trustbaseline.azure;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.localcloud.azure.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Storage-queue adapter of the work queue against Azurite, over HTTP with the real SDK client. */
class StorageWorkQueueTest {
    private static final Instant SEEN = Instant.parse("2026-12-01T04:00:00Z");
    private static Azurite azurite;
    private StorageWorkQueue queue;

    @BeforeAll
    static void startAzurite() {
        azurite = Azurite.startQueues();
    }

    @AfterAll
    static void stopAzurite() {
        azurite.close();
    }

    @BeforeEach
    void emptyQueues() {
        queue = StorageWorkQueue.connect(new StorageConnection.ConnectionString(azurite.connectionString())).createIfMissing();
        client(TicketQueue.REQUESTS).clearMessages();
        client(StorageWorkQueue.POISON).clearMessages();
    }

    private static QueueClient client(String name) {
        return new QueueClientBuilder().connectionString(azurite.connectionString()).queueName(name).buildClient();
    }

    private static List<String> receiveAll(String name) {
        List<String> out = new ArrayList<>();
        for (QueueMessageItem m : client(name).receiveMessages(32, Duration.ofSeconds(30), null, null)) {
            out.add(m.getBody().toString());
        }
        return out;
    }

    private static WorkMessage work(int i) {
        return WorkMessage.forTarget(Trigger.EVENT, "evt-" + i, "event-grid", AzureResourceId.of(
                "00000000-0000-0000-0000-000000000001", "rg", "Microsoft.ContainerService/managedClusters", "aks" + i),
                false, SEEN, Optional.empty());
    }

    @Test
    void eachMessageArrivesOnceAsPlainJsonText() {
        List<WorkMessage> sent = IntStream.range(0, 12).mapToObj(StorageWorkQueueTest::work).toList();

        queue.send(sent);

        assertEquals(sent.stream().map(WorkMessage::toJson).sorted().toList(), receiveAll(TicketQueue.REQUESTS).stream().sorted().toList());
    }

    @Test
    void aDelayedMessageIsInvisibleUntilItsInitialVisibilityTimeoutPasses() throws InterruptedException {
        queue.sendLater(work(1), Duration.ofSeconds(2));

        assertEquals(List.of(), receiveAll(TicketQueue.REQUESTS));
        assertEquals(1, client(TicketQueue.REQUESTS).getProperties().getApproximateMessagesCount());
        Thread.sleep(3000);
        assertEquals(List.of(work(1).toJson()), receiveAll(TicketQueue.REQUESTS));
    }

    @Test
    void aDelayBeyondSevenDaysIsRefusedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> queue.sendLater(work(1), Duration.ofDays(7).plusSeconds(1)));
    }

    @Test
    void expiredWorkLandsOnThePoisonQueueWithItsReasonAndReplaysAsTheSameWork() {
        queue.put(work(3), "still Creating after 2 h");

        String body = receiveAll(StorageWorkQueue.POISON).get(0);
        assertEquals("still Creating after 2 h", AzureTestCloud.json(body).path("deadLetterReason").asText(), body);
        assertEquals(work(3).toJson(), WorkMessage.tryRead(body).orElseThrow().toJson());
    }
}
