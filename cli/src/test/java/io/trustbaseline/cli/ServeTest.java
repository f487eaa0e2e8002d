package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve}: the local cloud on the port asked for, its process id printed, and the queues the deployed functions
 * use (trust-requests with its dead-letter queue, trust-results) ready for a ticket; the port the Azure functions'
 * example settings name is the default.
 */
class ServeTest {
    private static final Pattern QUEUE = Pattern.compile("(requests|results): +(http://\\S+)");

    @Test
    void servesOnThePortAskedForPrintsItsPidAndTakesATicketOnTrustRequests() throws Exception {
        int port = freePort();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ServeCommand serve = new ServeCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), Cli.SAMPLES);
        try (LocalSession session = serve.start(Options.parse(new String[] {"serve", "--port=" + port}, Main.specs()))) {
            String out = printed.toString(StandardCharsets.UTF_8);

            assertTrue(out.contains("pid " + ProcessHandle.current().pid()), out);
            assertTrue(out.contains("ARM (Azure Resource Manager): http://127.0.0.1:" + port), out);
            // Something answers HTTP there (which status depends on the emulator's routes; a refused connection throws).
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/subscriptions")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() >= 200, "the local cloud answers on the port asked for");

            Matcher queues = QUEUE.matcher(out);
            assertTrue(queues.find() && queues.group(1).equals("requests"), out);
            String requests = queues.group(2);
            assertTrue(queues.find() && queues.group(1).equals("results"), out);
            try (SqsClient sqs = SqsClient.builder().endpointOverride(session.sqs().endpoint()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("000000000000", "any")))
                    .build()) {
                assertEquals(requests, sqs.getQueueUrl(b -> b.queueName("trust-requests")).queueUrl());
                assertEquals(queues.group(2), sqs.getQueueUrl(b -> b.queueName("trust-results")).queueUrl());
                String redrive = sqs.getQueueAttributes(b -> b.queueUrl(requests).attributeNamesWithStrings("RedrivePolicy"))
                        .attributesAsStrings().get("RedrivePolicy");
                JsonNode policy = Cli.JSON.readTree(redrive);
                assertTrue(policy.path("deadLetterTargetArn").asText().endsWith(":trust-requests-dlq"), redrive);

                String ticket = Cli.read(Cli.SAMPLES.resolve("tickets/eks-pod-identity.json"));
                sqs.sendMessage(b -> b.queueUrl(requests).messageBody(ticket));
                List<Message> received = sqs.receiveMessage(b -> b.queueUrl(requests).waitTimeSeconds(5)).messages();
                assertEquals(List.of(ticket), received.stream().map(Message::body).toList());
            }
        }
    }

    @Test
    void aPortInUseIsOneLineSayingHowToChooseAnother() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli.Result result = Cli.run("serve", "--port", String.valueOf(busy.getLocalPort()));

            assertEquals(2, result.exit(), result::toString);
            assertEquals("", result.out(), result::toString);
            assertEquals(1, result.errLines().size(), result::toString);
            assertTrue(result.errLines().get(0).startsWith("trust-baseline: cannot listen on 127.0.0.1:" + busy.getLocalPort()),
                    result::toString);
            assertTrue(result.errLines().get(0).endsWith("choose another port with --port N, or --port 0 for any free one"),
                    result::toString);
        }
    }

    @Test
    void theDefaultPortIsTheOneTheAzureFunctionsExampleSettingsName() {
        JsonNode settings = Cli.readJson(Cli.ROOT.resolve("functions-azure/local.settings.json.example"));

        assertEquals("http://127.0.0.1:" + ServeCommand.DEFAULT_PORT,
                settings.path("Values").path("TRUST_BASELINE_ARM_ENDPOINT").asText());
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
