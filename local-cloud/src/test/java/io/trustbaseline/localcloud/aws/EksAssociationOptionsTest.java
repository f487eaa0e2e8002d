package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The association options of EKS Pod Identity as of 2026, over plain HTTP in EKS's REST-JSON form (the wire shape
 * the SDK sends): the session {@code policy}, refused unless session tags are disabled (for the association as it
 * would be after the call), beyond its size or when it is not JSON, stored, changed and described; the
 * {@code externalId} a target role gets; the {@code ownerArn} of an association an add-on owns.
 */
class EksAssociationOptionsTest {
    private static final String WORLD = """
            { "aws": { "accounts": { "111122223333": {
                "iam": { "roles": { "app": { "path": "/workload/", "assumeRolePolicyDocument": {}, "tags": {} } } },
                "regions": { "eu-west-1": { "clusters": { "prod": { "status": "ACTIVE", "version": "1.31", "tags": {},
                  "addons": {}, "podIdentityAssociations": [
                    { "associationId": "a-0000000000000own1", "namespace": "kube-system", "serviceAccount": "ebs",
                      "roleArn": "arn:aws:iam::111122223333:role/workload/app",
                      "ownerArn": "arn:aws:eks:eu-west-1:111122223333:addon/prod/aws-ebs-csi-driver/x", "tags": {} } ] } } } } } } } }
            """;
    private static final String APP = "arn:aws:iam::111122223333:role/workload/app";
    private static final String POLICY = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}";

    private LocalCloud cloud;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        cloud = LocalCloud.start(World.parse(WORLD), AwsServices.all());
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(cloud.endpoint().resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=111122223333/20261201/eu-west-1/eks/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(cloud.endpoint().resolve(path))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=111122223333/20261201/eu-west-1/eks/aws4_request,"
                        + " SignedHeaders=host, Signature=0").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> create(String serviceAccount, String options) throws IOException, InterruptedException {
        return post("/clusters/prod/pod-identity-associations", "{\"namespace\": \"apps\", \"serviceAccount\": \""
                + serviceAccount + "\", \"roleArn\": \"" + APP + "\"" + options + "}");
    }

    @Test
    void aSessionPolicyWithSessionTagsOnIsRefused() throws Exception {
        HttpResponse<String> r = create("api", ", \"policy\": \"" + POLICY + "\"");

        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("InvalidParameterException") && r.body().contains("disableSessionTags"), r.body());
        assertFalse(cloud.world().dump().contains("\"api\""), "nothing was stored");
    }

    @Test
    void aSessionPolicyOverItsSizeIsRefused() throws Exception {
        String big = "{\\\"Sid\\\":\\\"" + "x".repeat(2048) + "\\\"}";
        HttpResponse<String> r = create("api", ", \"disableSessionTags\": true, \"policy\": \"" + big + "\"");

        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("2048"), r.body());
    }

    @Test
    void aSessionPolicyWithSessionTagsDisabledIsStoredAndReturned() throws Exception {
        HttpResponse<String> r = create("api", ", \"disableSessionTags\": true, \"policy\": \"" + POLICY + "\"");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode a = World.JSON.readTree(r.body()).path("association");
        assertTrue(a.path("disableSessionTags").asBoolean());
        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":[]}", a.path("policy").asText());
    }

    @Test
    void aSessionPolicyThatIsNotJsonIsRefused() throws Exception {
        HttpResponse<String> r = create("api", ", \"disableSessionTags\": true, \"policy\": \"{not json\"");

        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("InvalidParameterException") && r.body().contains("JSON"), r.body());
        assertFalse(cloud.world().dump().contains("\"api\""), "nothing was stored");
    }

    @Test
    void anUpdateChangesThePolicyAndDescribeReturnsIt() throws Exception {
        String id = World.JSON.readTree(create("api", ", \"disableSessionTags\": true, \"policy\": \"" + POLICY
                + "\"").body()).path("association").path("associationId").asText();
        String other = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\","
                + "\\\"Action\\\":\\\"s3:*\\\",\\\"Resource\\\":\\\"*\\\"}]}";

        HttpResponse<String> updated = post("/clusters/prod/pod-identity-associations/" + id,
                "{\"policy\": \"" + other + "\"}");

        assertEquals(200, updated.statusCode(), updated.body());
        JsonNode described = World.JSON.readTree(get("/clusters/prod/pod-identity-associations/" + id).body())
                .path("association");
        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}", described.path("policy").asText(), described.toString());
        assertTrue(described.path("disableSessionTags").asBoolean(), described.toString());
    }

    @Test
    void anUpdateThatTurnsSessionTagsOnUnderAStoredPolicyIsRefusedAndChangesNothing() throws Exception {
        String id = World.JSON.readTree(create("api", ", \"disableSessionTags\": true, \"policy\": \"" + POLICY
                + "\"").body()).path("association").path("associationId").asText();
        String before = cloud.world().dump();

        HttpResponse<String> r = post("/clusters/prod/pod-identity-associations/" + id, "{\"disableSessionTags\": false}");

        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("InvalidParameterException") && r.body().contains("disableSessionTags"), r.body());
        assertEquals(before, cloud.world().dump(), "the association is unchanged");
    }

    @Test
    void aTargetRoleGetsAnExternalIdAndAnAddOnsAssociationShowsItsOwner() throws Exception {
        JsonNode created = World.JSON.readTree(create("api", ", \"targetRoleArn\": \"arn:aws:iam::444455556666:role/t\"")
                .body()).path("association");
        assertFalse(created.path("externalId").asText().isEmpty(), created.toString());

        HttpResponse<String> owned = get("/clusters/prod/pod-identity-associations/a-0000000000000own1");
        assertEquals("arn:aws:eks:eu-west-1:111122223333:addon/prod/aws-ebs-csi-driver/x",
                World.JSON.readTree(owned.body()).path("association").path("ownerArn").asText(), owned.body());
    }
}
