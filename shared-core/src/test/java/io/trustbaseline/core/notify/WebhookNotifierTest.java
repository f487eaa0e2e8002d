package io.trustbaseline.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.report.ExemptionNote;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.PlanAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notifications on a real loopback HTTP server standing in for the Slack / Teams incoming webhook: failed, blocked
 * and lapsed-exemption items are posted, nothing else is; a webhook that fails changes no report and the URL, a
 * secret, is never echoed.
 */
class WebhookNotifierTest {
    private static final String SECRET_PATH = "/services/T000/B000/s3cr3tT0ken";
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile int answer = 200;
    private final List<String> problems = new ArrayList<>();
    private final FakeCloud cloud = Fixtures.readyCloud();

    @BeforeEach
    void startWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(SECRET_PATH, exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopWebhook() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH;
    }

    private TrustBaseline trust(WebhookFormat format) {
        return Fixtures.trustBaseline(cloud).notifying(new WebhookNotifier(format, this::url, problems::add));
    }

    @Test
    void aBlockedItemIsPostedToSlackAndACompliantRunIsNot() {
        cloud.registry(Fixtures.ACR, new RegistryNetwork("Basic", "Enabled", "None"));

        Report report = trust(WebhookFormat.SLACK).handle(Request.baseline("evt-1", "eg", Trigger.EVENT, Fixtures.ACR, false));

        assertEquals(1, bodies.size());
        String text = read(bodies.get(0)).path("text").asText();
        assertTrue(text.startsWith("*trust-baseline evt-1 (event): failed, 1 item needs attention*"), text);
        assertTrue(text.contains("\n• blocked: " + Fixtures.ACR.id() + " acr-trusted-services: the SKU is Basic"), text);
        assertEquals(Status.FAILED, report.status());

        trust(WebhookFormat.SLACK).handle(Request.baseline("evt-2", "eg", Trigger.EVENT, Fixtures.AKS, false));
        assertEquals(1, bodies.size(), "an applied report needs nobody");
        assertEquals(List.of(), problems);
    }

    @Test
    void teamsGetsOneAdaptiveCardWithALinePerItem() {
        cloud.registry(Fixtures.ACR, new RegistryNetwork("Basic", "Enabled", "None"));

        trust(WebhookFormat.TEAMS).handle(Request.baseline("evt-3", "eg", Trigger.EVENT, Fixtures.ACR, false));

        JsonNode message = read(bodies.get(0));
        assertEquals("message", message.path("type").asText());
        JsonNode attachment = message.path("attachments").get(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.path("contentType").asText());
        JsonNode card = attachment.path("content");
        assertEquals("AdaptiveCard", card.path("type").asText());
        assertEquals(2, card.path("body").size(), "the heading and one item");
        assertTrue(card.path("body").get(1).path("text").asText().startsWith("- blocked: "));
    }

    @Test
    void aLapsedExemptionAndATargetErrorNeedAttentionAndAnExemptItemDoesNot() {
        ExemptionNote lapsed = new ExemptionNote("legacy", "r", "CHG-1", "2026-11-30", true);
        ExemptionNote inForce = new ExemptionNote("legacy", "r", "CHG-1", "2027-03-31", false);
        Report report = new Report("sweep-1", Trigger.SWEEP, false, Status.PARTIAL, null, List.of(
                new TargetReport("t1", Status.APPLIED, null, List.of(
                        new ItemReport("acr-trusted-services", "acr-trusted-services", PlanAction.UPDATE, ItemStatus.APPLIED,
                                "exemption legacy (CHG-1) lapsed after 2026-11-30: enforced again; set …", null, null, null, lapsed),
                        new ItemReport("storage-trusted-services", "storage-trusted-services", PlanAction.UPDATE,
                                ItemStatus.EXEMPT, "exempt", null, null, null, inForce)), null),
                new TargetReport("t2", Status.FAILED, "the target could not be read", List.of(),
                        new io.trustbaseline.core.report.ItemError("AuthorizationFailed", "denied", false, null))),
                List.of(), io.trustbaseline.core.report.Calls.NONE, 5);

        assertEquals(List.of("exemption lapsed", "failed"), Attention.of(report).stream().map(Attention::why).sorted().toList());
    }

    @Test
    void aWebhookThatFailsIsReportedWithoutItsUrlAndChangesNothingElse() {
        answer = 500;
        cloud.registry(Fixtures.ACR, new RegistryNetwork("Basic", "Enabled", "None"));

        Report report = trust(WebhookFormat.SLACK).handle(Request.baseline("evt-4", "eg", Trigger.EVENT, Fixtures.ACR, false));

        assertEquals(Status.FAILED, report.status());
        assertEquals(List.of("notification for evt-4 not delivered: the webhook answered HTTP 500"), problems);
        server.stop(0);
        trust(WebhookFormat.SLACK).handle(Request.baseline("evt-5", "eg", Trigger.EVENT, Fixtures.ACR, false));
        assertEquals(2, problems.size());
        assertTrue(problems.get(1).startsWith("notification for evt-5 not delivered: "), problems::toString);
        assertTrue(problems.stream().noneMatch(p -> p.contains("s3cr3tT0ken")), problems::toString);
    }

    @Test
    void onlyHttpsOrThisMachineIsAcceptedAndTheRefusalDoesNotEchoTheSecret() {
        assertEquals("https", WebhookNotifier.checked("https://hooks.slack.com/services/T/B/x").getScheme());
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> WebhookNotifier.checked("http://hooks.example.com/services/T/B/s3cr3tT0ken"));
        assertEquals("the webhook secret must hold an https URL", plain.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WebhookNotifier.checked("ftp://127.0.0.1/x"));
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
