package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.trustbaseline.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import static io.trustbaseline.aws.LocalAws.ACCOUNT;
import static io.trustbaseline.aws.LocalAws.REGION;
import static io.trustbaseline.aws.LocalAws.sqsEventFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SnapStart priming: the event path rehearsed with no request leaving the process, the function ready after. */
class SnapStartPrimingTest {

    @Test
    void primingSendsNoRequestAlthoughEveryEndpointPointsAtAServerThatCountsThem() throws IOException {
        AtomicInteger received = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            String queues = endpoint + "/" + ACCOUNT + "/";
            AwsRuntime runtime = new AwsRuntime(AwsConfig.local(endpoint, ACCOUNT, REGION).withSqsEndpoint(endpoint)
                    .withResultsQueue(queues + "trust-results")
                    .withWorkQueues(queues + "trust-requests", queues + "trust-requests-dlq"),
                    LocalAws.baseline(LocalAws.sample("baseline.yaml")));

            int rehearsed = new SnapStartPriming(runtime).prime();

            assertEquals(0, received.get(), "requests that reached the endpoints");
            // The event's dry run reads DescribeCluster (ACTIVE), DescribeAddon, ListPodIdentityAssociations and
            // GetRole, and GetRole of the admin role an access entry names, then sends its report (SendMessage); then
            // the thirteen EKS and IAM operations one by one: each marshalled, signed and answered offline.
            assertEquals(19, rehearsed);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCreateClusterEventAfterPrimingIsReconciledAgainstTheLocalCloudAsWithoutPriming() {
        try (LocalAws aws = LocalAws.start()) {
            new SnapStartPriming(aws.runtime).prime();
            assertTrue(aws.calls().calls().isEmpty(), "calls the priming made: " + aws.calls().calls());

            QueueResponse response = new QueueHandler(aws.runtime)
                    .handleRequest(sqsEventFile("aws/sqs-eks-create-cluster.json"), null);

            assertTrue(response.getBatchItemFailures().isEmpty());
            JsonNode report = Json.MAPPER.valueToTree(response.getReports().get(0));
            assertEquals("applied", report.path("status").asText(), report.toString());
            assertEquals(false, report.path("dryRun").asBoolean(), "the priming's forced dry run stays its own");
            assertTrue(aws.calls().calls().stream().anyMatch(c -> c.write()), "the event's writes reached the cloud");
        }
    }

    @Test
    void afterRestoreTheFunctionStillHandlesAnEvent() {
        try (LocalAws aws = LocalAws.start()) {
            SnapStartPriming priming = new SnapStartPriming(aws.runtime);
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);

            QueueResponse response = new QueueHandler(aws.runtime)
                    .handleRequest(sqsEventFile("aws/sqs-eks-create-cluster.json"), null);

            JsonNode report = Json.MAPPER.valueToTree(response.getReports().get(0));
            assertEquals("applied", report.path("status").asText(), report.toString());
        }
    }
}
