package io.trustbaseline.aws;

import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.target.EksClusterArn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQS adapter of the work queue against ElasticMQ, over HTTP with the real SDK client. */
class SqsWorkQueueTest {
    private static final Instant SEEN = Instant.parse("2026-12-01T04:00:00Z");
    private LocalAws aws;
    private SqsWorkQueue queue;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
        queue = aws.runtime.workQueue();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private static WorkMessage work(int i) {
        return WorkMessage.forTarget(Trigger.SWEEP, "sweep-1/" + i, "sweep",
                EksClusterArn.of("eu-west-1", "111122223333", "c" + i), false, SEEN, Optional.of("sweep-1"));
    }

    @Test
    void twentyThreeMessagesGoOutInBatchesOfTenAndEachArrivesOnce() {
        List<WorkMessage> sent = IntStream.range(0, 23).mapToObj(SqsWorkQueueTest::work).toList();

        queue.send(sent);

        List<String> received = aws.drain(LocalAws.REQUESTS).stream().map(Message::body).sorted().toList();
        assertEquals(sent.stream().map(WorkMessage::toJson).sorted().toList(), received);
    }

    @Test
    void aDelayedMessageStaysInvisibleUntilItsDelay() {
        queue.sendLater(work(1), Duration.ofSeconds(900));

        assertEquals(List.of(), aws.drain(LocalAws.REQUESTS));
        assertEquals("1", aws.queueAttribute(LocalAws.REQUESTS, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    @Test
    void aDelayBeyondWhatSqsAllowsIsRefusedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> queue.sendLater(work(1), Duration.ofSeconds(901)));
    }

    @Test
    void aDeadLetterCarriesTheWorkAndItsReasonWhichAReplayIgnores() {
        queue.put(work(2), "still CREATING after 2 h");

        Message dead = aws.drain(LocalAws.DEAD_LETTERS).get(0);
        assertEquals("still CREATING after 2 h", dead.messageAttributes().get(SqsWorkQueue.REASON_ATTRIBUTE).stringValue());
        WorkMessage replayed = WorkMessage.tryRead(dead.body()).orElseThrow();
        assertEquals(work(2).toJson(), replayed.toJson());
    }

    @Test
    void aQueueThatDoesNotExistFailsTheSendLoudly() {
        SqsWorkQueue missing = new SqsWorkQueue(aws.runtime.clients().sqs(),
                aws.sqs.queueUrl(LocalAws.REQUESTS).replace("trust-requests", "nope"), "unused");

        RuntimeException e = assertThrows(RuntimeException.class, () -> missing.send(List.of(work(1))));
        assertTrue(e.getMessage() != null);
    }
}
