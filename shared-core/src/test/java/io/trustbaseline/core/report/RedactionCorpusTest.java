package io.trustbaseline.core.report;

import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.RequestIds;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.notify.Attention;
import io.trustbaseline.core.notify.WebhookFormat;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.request.Trigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.ML_SOURCE;
import static io.trustbaseline.core.fake.Fixtures.MLWORKLOAD;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets in any field a report carries never reach it: each kind of secret, in each field a request or the cloud can
 * put one, is redacted from the report's JSON (and the JSON stays well formed).
 */
class RedactionCorpusTest {
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJlMTIz";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("a JSON web token", JWT, JWT),
                Arguments.of("a SAS signature", "https://st.blob.core.windows.net/c?sv=2024&sig=Zm9vYmFyc2VjcmV0", "Zm9vYmFyc2VjcmV0"),
                Arguments.of("an AWS secret access key", AWS_SECRET, AWS_SECRET),
                Arguments.of("an AWS access key id", ACCESS_KEY_ID, ACCESS_KEY_ID),
                Arguments.of("a storage account key", ACCOUNT_KEY, ACCOUNT_KEY),
                Arguments.of("a connection string", "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=c2VjcmV0a2V5",
                        "c2VjcmV0a2V5"),
                Arguments.of("a password", "password=hunter2hunter2", "hunter2hunter2"));
    }

    private final FakeCloud cloud = Fixtures.readyCloud();

    private static void assertRedacted(String json, String secret) {
        assertFalse(json.contains(secret), json);
        assertTrue(json.contains("[REDACTED]"), json);
        assertDoesNotThrow(() -> Json.MAPPER.readTree(json), "the redacted report is still JSON");
    }

    @ParameterizedTest(name = "{0} in requestedBy")
    @MethodSource("secrets")
    void inRequestedBy(String kind, String secret, String leak) {
        String ticket = """
                {"schemaVersion": 1, "requestId": "CHG1", "requestedBy": %s, "dryRun": true,
                 "target": {"azureResourceId": "%s"}}""".formatted(Json.write(secret), AKS.id());
        assertRedacted(Fixtures.trustBaseline(cloud).handle(ticket, Trigger.TICKET).toJson(), leak);
    }

    @ParameterizedTest(name = "{0} as an unknown field's name")
    @MethodSource("secrets")
    void inAnUnknownFieldName(String kind, String secret, String leak) {
        String ticket = """
                {"schemaVersion": 1, "requestId": "CHG1", "requestedBy": "a@b.c", "target": {"azureResourceId": "%s"},
                 %s: true}""".formatted(AKS.id(), Json.write(secret));
        assertRedacted(Fixtures.trustBaseline(cloud).handle(ticket, Trigger.TICKET).toJson(), leak);
    }

    @ParameterizedTest(name = "{0} as a nested unknown field's name (in the target and in an item)")
    @MethodSource("secrets")
    void inANestedUnknownFieldName(String kind, String secret, String leak) {
        String ticket = """
                {"schemaVersion": 1, "requestId": "CHG1", "requestedBy": "a@b.c",
                 "target": {"azureResourceId": "%s", %s: 1},
                 "settings": [{"type": "aks-trusted-access", "sourceResourceId": "%s", "roles": ["%s"],
                               "extra": {%s: true}, %s: [1]}]}"""
                .formatted(AKS.id(), Json.write(secret), ML_SOURCE.id(), MLWORKLOAD, Json.write(secret),
                        Json.write(secret));
        Report report = Fixtures.trustBaseline(cloud).handle(ticket, Trigger.TICKET);

        assertTrue(report.errors().stream().anyMatch(e -> e.rule().equals("unknown-field")), report::toJson);
        assertRedacted(report.toJson(), leak);
    }

    @ParameterizedTest(name = "{0} as a binding name and request id")
    @MethodSource("secrets")
    void inABindingNameAndRequestId(String kind, String secret, String leak) {
        String ticket = """
                {"schemaVersion": 1, "requestId": %s, "requestedBy": "a@b.c", "target": {"azureResourceId": "%s"},
                 "settings": [{"type": "aks-trusted-access", "name": %s, "sourceResourceId": "%s", "roles": ["%s"]}]}"""
                .formatted(Json.write(secret), AKS.id(), Json.write(secret), ML_SOURCE.id(), MLWORKLOAD);
        assertRedacted(Fixtures.trustBaseline(cloud).handle(ticket, Trigger.TICKET).toJson(), leak);
    }

    @ParameterizedTest(name = "{0} in a cloud error message, in a webhook notification")
    @MethodSource("secrets")
    void inACloudErrorMessageNotified(String kind, String secret, String leak) {
        Report report = ticketMeetingACloudErrorWith(secret);

        assertFalse(Attention.of(report).isEmpty(), report::toJson);
        for (WebhookFormat format : WebhookFormat.values()) {
            String body = format.body(report, Attention.of(report));
            assertFalse(body.contains(leak), body);
            assertDoesNotThrow(() -> Json.MAPPER.readTree(body), "the notification is still JSON");
        }
    }

    /** The request ids a secret can pass for: the id format admits a JSON web token's and an access key id's shape. */
    static Stream<Arguments> idShapedSecrets() {
        return secrets().filter(a -> RequestIds.isValid((String) a.get()[1]));
    }

    @ParameterizedTest(name = "{0} as a request id, in a webhook notification")
    @MethodSource("idShapedSecrets")
    void asARequestIdNotified(String kind, String secret, String leak) {
        cloud.failNext("trustedAccess.listBindings", 1, CloudException.of(CloudException.Kind.REJECTED, "BadRequest",
                "refused", null));
        String ticket = """
                {"schemaVersion": 1, "requestId": %s, "requestedBy": "a@b.c", "target": {"azureResourceId": "%s"},
                 "settings": [{"type": "aks-trusted-access", "sourceResourceId": "%s", "roles": ["%s"]}]}"""
                .formatted(Json.write(secret), AKS.id(), ML_SOURCE.id(), MLWORKLOAD);
        Report report = Fixtures.trustBaseline(cloud).handle(ticket, Trigger.TICKET);

        assertFalse(Attention.of(report).isEmpty(), report::toJson);
        for (WebhookFormat format : WebhookFormat.values()) {
            assertRedacted(format.body(report, Attention.of(report)), leak);
        }
    }

    @ParameterizedTest(name = "{0} in a cloud error message")
    @MethodSource("secrets")
    void inACloudErrorMessage(String kind, String secret, String leak) {
        assertRedacted(ticketMeetingACloudErrorWith(secret).toJson(), leak);
    }

    /** A ticket's report when listing the cluster's bindings fails with an error message that carries {@code secret}. */
    private Report ticketMeetingACloudErrorWith(String secret) {
        cloud.failNext("trustedAccess.listBindings", 1, CloudException.of(CloudException.Kind.REJECTED, "BadRequest",
                "the request to https://management.azure.com/x failed: " + secret, null));
        String ticket = """
                {"schemaVersion": 1, "requestId": "CHG1", "requestedBy": "a@b.c", "target": {"azureResourceId": "%s"},
                 "settings": [{"type": "aks-trusted-access", "sourceResourceId": "%s", "roles": ["%s"]}]}"""
                .formatted(AKS.id(), ML_SOURCE.id(), MLWORKLOAD);
        return Fixtures.trustBaseline(cloud).handle(ticket, Trigger.TICKET);
    }
}
