package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.CloudService;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import io.trustbaseline.localcloud.aws.AwsServices;
import io.trustbaseline.localcloud.aws.S3Service;
import io.trustbaseline.localcloud.aws.EmbeddedSqs;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The local cloud (EKS, IAM, STS) seeded with a world, ElasticMQ with the request and results queues, and an
 * {@link AwsRuntime} built against both the way the CLI builds one: the real SDK clients over HTTP on loopback.
 */
final class LocalAws implements AutoCloseable {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    static final Path SAMPLES = Path.of("..", "events-samples");
    static final String RESULTS = "trust-results";
    static final String REQUESTS = "trust-requests";
    static final String DEAD_LETTERS = "trust-requests-dlq";
    static final String SWEEP_RESULTS_BUCKET = "trust-baseline-sweeps";

    final LocalCloud cloud;
    final EmbeddedSqs sqs;
    final AwsRuntime runtime;

    private LocalAws(World world, UnaryOperator<AwsConfig> configure, Baseline baseline, List<CloudService> deployment) {
        List<CloudService> services = new ArrayList<>(deployment);
        services.add(S3Service.withBuckets(SWEEP_RESULTS_BUCKET));
        cloud = LocalCloud.start(world, services);
        try {
            sqs = EmbeddedSqs.start(List.of(EmbeddedSqs.Queue.withDeadLetterQueue(REQUESTS, DEAD_LETTERS, 3),
                    EmbeddedSqs.Queue.of(RESULTS)));
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
        AwsConfig config = AwsConfig.local(cloud.endpoint(), ACCOUNT, REGION)
                .withSqsEndpoint(sqs.endpoint())
                .withResultsQueue(sqs.queueUrl(RESULTS))
                .withWorkQueues(sqs.queueUrl(REQUESTS), sqs.queueUrl(DEAD_LETTERS))
                .withSweepResultsBucket(SWEEP_RESULTS_BUCKET);
        runtime = new AwsRuntime(configure.apply(config), baseline);
    }

    /** The demo world of events-samples/world.json. */
    static LocalAws start() {
        return start(World.load(SAMPLES.resolve("world.json")), c -> c);
    }

    static LocalAws start(World world, UnaryOperator<AwsConfig> configure) {
        return start(world, configure, baseline(sample("baseline.yaml")));
    }

    static LocalAws start(World world, UnaryOperator<AwsConfig> configure, Baseline baseline) {
        return start(world, configure, baseline, AwsServices.all());
    }

    /** With other services than the deployment's (such as EKS, IAM and STS for a caller holding a narrower policy). */
    static LocalAws start(World world, UnaryOperator<AwsConfig> configure, Baseline baseline, List<CloudService> services) {
        return new LocalAws(world, configure, baseline, services);
    }

    /** A baseline document, passed explicitly as the CLI does (the example one by default). */
    static Baseline baseline(String yaml) {
        return new BaselineLoader(Catalog.standard()).parse(yaml);
    }

    static String sample(String relative) {
        try {
            return Files.readString(SAMPLES.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample SQS event file, read by the Lambda runtime's own event serialization. */
    static SQSEvent sqsEventFile(String relative) {
        return EventLoader.loadSQSEvent(SAMPLES.resolve(relative).toString());
    }

    /** An SQS event of one message per body, ids m0, m1, ... */
    static SQSEvent sqsEvent(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies[i]);
            message.setEventSource("aws:sqs");
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    CallLog calls() { return cloud.calls(); }

    /** Every report on the results queue, parsed; the queue is emptied. */
    List<JsonNode> results() {
        return drain(RESULTS).stream().map(m -> json(m.body())).toList();
    }

    /** Every message visible on a queue now, with its attributes; the queue is emptied of them. */
    List<Message> drain(String queue) {
        List<Message> out = new ArrayList<>();
        var client = runtime.clients().sqs();
        while (true) {
            List<Message> batch = client.receiveMessage(r -> r.queueUrl(sqs.queueUrl(queue)).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All")).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                out.add(m);
                client.deleteMessage(r -> r.queueUrl(sqs.queueUrl(queue)).receiptHandle(m.receiptHandle()));
            }
        }
    }

    String queueAttribute(String queue, software.amazon.awssdk.services.sqs.model.QueueAttributeName name) {
        return runtime.clients().sqs().getQueueAttributes(r -> r.queueUrl(sqs.queueUrl(queue)).attributeNames(name))
                .attributes().get(name);
    }

    ObjectNode account(String account) {
        return (ObjectNode) cloud.world().root().path("aws").path("accounts").path(account);
    }

    ObjectNode cluster(String name) {
        return (ObjectNode) account(ACCOUNT).path("regions").path(REGION).path("clusters").path(name);
    }

    ObjectNode role(String name) {
        return (ObjectNode) account(ACCOUNT).path("iam").path("roles").path(name);
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            sqs.close();
        } finally {
            cloud.close();
        }
    }
}
