package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.notify.Notifier;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.PlanAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lambda's notifications: the webhook URL comes from Secrets Manager through the real SDK client, read once, and is
 * never accepted from a plain setting. A loopback server answers GetSecretValue in the service's JSON protocol
 * (awsJson1_1, {@code X-Amz-Target: secretsmanager.GetSecretValue}; response members as in the API reference:
 * ARN, Name, VersionId, SecretString) and plays the incoming webhook.
 */
class AwsNotificationsTest {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:trust-baseline/webhook-AbCdEf";
    private HttpServer server;
    private final List<String> secretRequests = new CopyOnWriteArrayList<>();
    private final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] answer;
            int status;
            if (exchange.getRequestURI().getPath().equals("/hook")) {
                posted.add(body);
                status = 200;
                answer = new byte[0];
            } else if ("secretsmanager.GetSecretValue".equals(target)
                    && ARN.equals(Json.MAPPER.readTree(body).path("SecretId").asText())) {
                secretRequests.add(body);
                status = 200;
                answer = Json.write(Map.of("ARN", ARN, "Name", "trust-baseline/webhook", "VersionId", "v1",
                        "SecretString", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"))
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                status = 400;
                answer = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AwsClients clients() {
        return new AwsClients(AwsConfig.local(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "111122223333", "eu-west-1"));
    }

    private static Report failedReport(String id) {
        return new Report(id, Trigger.SWEEP, false, Status.FAILED, null, List.of(new TargetReport(
                "arn:aws:eks:eu-west-1:111122223333:cluster/prod", Status.FAILED, null, List.of(new ItemReport(
                        "eks-pod-identity-agent", "eks-pod-identity-agent", PlanAction.CREATE, ItemStatus.FAILED,
                        "access denied", null, null, null)), null)), List.of(), Calls.NONE, 3);
    }

    @Test
    void theWebhookUrlIsReadOnceFromSecretsManagerAndFailedItemsArePosted() {
        Notifier notifier = AwsNotifications.from(Map.of("NOTIFY_WEBHOOK_FORMAT", "slack",
                "NOTIFY_WEBHOOK_SECRET_ARN", ARN), clients());
        assertTrue(secretRequests.isEmpty(), "nothing is read before the first notification");

        notifier.notify(failedReport("sweep-1"));
        notifier.notify(failedReport("sweep-2"));

        assertEquals(1, secretRequests.size(), "the secret is read once");
        assertEquals(2, posted.size());
        JsonNode first = read(posted.get(0));
        assertTrue(first.path("text").asText().startsWith("*trust-baseline sweep-1 (sweep): failed, 1 item needs attention*"),
                first::toString);
    }

    @Test
    void notificationsAreOffUnlessAFormatIsSet() {
        assertSame(Notifier.NONE, AwsNotifications.from(Map.of("NOTIFY_WEBHOOK_SECRET_ARN", ARN), clients()));
    }

    @Test
    void theUrlIsNeverTakenFromAPlainSetting() {
        IllegalStateException plain = assertThrows(IllegalStateException.class, () -> AwsNotifications.from(Map.of(
                "NOTIFY_WEBHOOK_FORMAT", "teams", "NOTIFY_WEBHOOK_SECRET_ARN", "https://hooks.example.com/x"), clients()));
        assertTrue(plain.getMessage().startsWith("NOTIFY_WEBHOOK_SECRET_ARN must be a Secrets Manager secret ARN"),
                plain.getMessage());
        assertTrue(!plain.getMessage().contains("hooks.example.com"), "the value is not echoed");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> AwsNotifications.from(Map.of("NOTIFY_WEBHOOK_FORMAT", "slack"), clients()));
        assertTrue(missing.getMessage().contains("NOTIFY_WEBHOOK_SECRET_ARN is not"), missing.getMessage());
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
