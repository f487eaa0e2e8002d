package io.trustbaseline.localcloud.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedSqsTest {

    @Test
    void messagesGoThroughTheSdkSqsClientAndTheQueueRedrivesToItsDeadLetterQueue() {
        long started = System.nanoTime();
        try (EmbeddedSqs sqs = EmbeddedSqs.start(List.of(
                EmbeddedSqs.Queue.withDeadLetterQueue("trust-requests", "trust-requests-dlq", 3),
                EmbeddedSqs.Queue.of("trust-results")))) {
            System.out.printf("embedded ElasticMQ started with 3 queues in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            try (SqsClient client = LocalAwsClients.sqs(sqs.endpoint())) {
                String requests = sqs.queueUrl("trust-requests");
                client.sendMessage(r -> r.queueUrl(requests).messageBody("{\"requestId\":\"CHG0031337\"}"));
                List<Message> received = client.receiveMessage(r -> r.queueUrl(requests).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                assertEquals(1, received.size());
                assertEquals("{\"requestId\":\"CHG0031337\"}", received.get(0).body());

                String redrive = client.getQueueAttributes(r -> r.queueUrl(requests).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                        .attributes().get(QueueAttributeName.REDRIVE_POLICY);
                assertTrue(redrive.contains(EmbeddedSqs.queueArn("trust-requests-dlq")), redrive);
                assertTrue(redrive.contains("3"), redrive);
                assertTrue(client.listQueues().queueUrls().contains(sqs.queueUrl("trust-results")));
            }
        }
    }
}
