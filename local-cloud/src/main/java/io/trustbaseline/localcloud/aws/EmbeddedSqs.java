package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.World;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SQS for local runs: ElasticMQ embedded, on a free loopback port, with the named queues created up front (each
 * optionally redriving to a dead-letter queue after {@code maxReceiveCount} receives). Point the SDK's SqsClient at
 * {@link #endpoint()}; queue URLs come from {@link #queueUrl(String)}.
 */
public final class EmbeddedSqs implements AutoCloseable {
    /** ElasticMQ's account and region: they appear in queue ARNs and URLs. */
    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";

    /** A queue to create; {@code deadLetterQueue} null means no redrive. */
    public record Queue(String name, String deadLetterQueue, int maxReceiveCount) {
        public static Queue of(String name) {
            return new Queue(name, null, 0);
        }

        public static Queue withDeadLetterQueue(String name, String deadLetterQueue, int maxReceiveCount) {
            if (maxReceiveCount < 1) {
                throw new IllegalArgumentException("maxReceiveCount must be at least 1");
            }
            return new Queue(name, deadLetterQueue, maxReceiveCount);
        }
    }

    private final SQSRestServer server;
    private final URI endpoint;
    private final Map<String, String> queueUrls = new LinkedHashMap<>();

    private EmbeddedSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts ElasticMQ and creates the queues, dead-letter queues first (also those not listed on their own;
     * CreateQueue is idempotent, so one listed twice is fine).
     */
    public static EmbeddedSqs start(List<Queue> queues) {
        int port = freePort();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSAccountId(ACCOUNT).withAWSRegion(REGION).start();
        server.waitUntilStarted();
        EmbeddedSqs sqs = new EmbeddedSqs(server, URI.create("http://127.0.0.1:" + port));
        try {
            queues.stream().map(Queue::deadLetterQueue).filter(Objects::nonNull).distinct().map(Queue::of).forEach(sqs::create);
            queues.forEach(sqs::create);
            return sqs;
        } catch (RuntimeException e) {
            sqs.close();
            throw e;
        }
    }

    public URI endpoint() { return endpoint; }

    /** The URL of a queue created at start. */
    public String queueUrl(String name) {
        String url = queueUrls.get(name);
        if (url == null) {
            throw new IllegalArgumentException("embedded SQS: no queue named " + name);
        }
        return url;
    }

    public static String queueArn(String name) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }

    private void create(Queue queue) {
        ObjectNode request = World.JSON.createObjectNode().put("QueueName", queue.name());
        if (queue.deadLetterQueue() != null) {
            request.putObject("Attributes").put("RedrivePolicy", World.JSON.createObjectNode()
                    .put("deadLetterTargetArn", queueArn(queue.deadLetterQueue()))
                    .put("maxReceiveCount", String.valueOf(queue.maxReceiveCount())).toString());
        }
        queueUrls.put(queue.name(), call("CreateQueue", request).path("QueueUrl").asText());
    }

    /** One SQS call in the JSON protocol, which ElasticMQ speaks like SQS itself. */
    private JsonNode call(String action, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS." + action)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("embedded SQS: " + action + " " + body + " failed: "
                        + response.statusCode() + " " + response.body());
            }
            return World.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded SQS: " + action + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("embedded SQS: interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded SQS: no free loopback port", e);
        }
    }
}
