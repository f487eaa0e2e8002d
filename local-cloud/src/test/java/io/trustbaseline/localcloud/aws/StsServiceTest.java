package io.trustbaseline.localcloud.aws;

import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StsServiceTest {
    static final String HUB = "111122223333";
    static final String SPOKE = "444455556666";
    static final String SWEEP_ROLE = "arn:aws:iam::" + SPOKE + ":role/trust-baseline-sweep";
    static final String WORLD = """
            { "aws": { "accounts": {
                "111122223333": { "regions": { "eu-west-1": { "clusters": { "hub": { "status": "ACTIVE" } } } } },
                "444455556666": {
                  "iam": { "roles": { "trust-baseline-sweep": { "path": "/" } } },
                  "regions": { "eu-west-1": { "clusters": { "spoke": { "status": "ACTIVE" } } } } } } } }
            """;

    LocalCloud cloud;
    StsClient sts;

    @BeforeEach
    void start() {
        cloud = LocalCloud.start(World.parse(WORLD), AwsServices.all());
        sts = LocalAwsClients.sts(cloud.endpoint(), HUB);
    }

    @AfterEach
    void stop() {
        sts.close();
        cloud.close();
    }

    @Test
    void getCallerIdentityNamesTheAccountOfTheAccessKey() {
        GetCallerIdentityResponse me = sts.getCallerIdentity();
        assertEquals(HUB, me.account());
        assertEquals("arn:aws:iam::" + HUB + ":user/local-cloud", me.arn());
    }

    @Test
    void assumeRoleHandsOutCredentialsKeyedByTheTargetAccountThatActInIt() {
        Credentials credentials = sts.assumeRole(r -> r.roleArn(SWEEP_ROLE).roleSessionName("sweep")).credentials();
        assertEquals(SPOKE, credentials.accessKeyId());

        var session = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        try (StsClient assumed = LocalAwsClients.sts(cloud.endpoint(), session);
             EksClient eks = LocalAwsClients.eks(cloud.endpoint(), credentials.accessKeyId(), "eu-west-1")) {
            GetCallerIdentityResponse identity = assumed.getCallerIdentity();
            assertEquals(SPOKE, identity.account());
            assertEquals("arn:aws:sts::" + SPOKE + ":assumed-role/trust-baseline-sweep/sweep", identity.arn());
            assertEquals(List.of("spoke"), eks.listClusters().clusters());
        }
    }

    @Test
    void assumingARoleTheWorldDoesNotHoldIsAccessDenied() {
        StsException e = assertThrows(StsException.class,
                () -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + SPOKE + ":role/missing").roleSessionName("sweep")));
        assertEquals(403, e.statusCode());
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("sts:AssumeRole"));
    }
}
