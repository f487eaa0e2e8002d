package io.trustbaseline.localcloud.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Duration;

/**
 * The real SDK clients pointed at a local endpoint: static credentials whose access key id is the account id (the
 * local cloud's account convention), url-connection HTTP, and no SDK retries so each call is one request.
 */
final class LocalAwsClients {
    static final String SECRET = "local-cloud-secret";

    private LocalAwsClients() { }

    static EksClient eks(URI endpoint, String accountId, String region) {
        return configure(EksClient.builder(), endpoint, staticKey(accountId), Region.of(region));
    }

    /** IAM is global: SigV4 signs it for us-east-1 whatever region the caller works in. */
    static IamClient iam(URI endpoint, String accountId) {
        return configure(IamClient.builder(), endpoint, staticKey(accountId), Region.AWS_GLOBAL);
    }

    static StsClient sts(URI endpoint, String accountId) {
        return sts(endpoint, staticKey(accountId));
    }

    /** STS with other credentials, such as the session credentials an AssumeRole handed out. */
    static StsClient sts(URI endpoint, AwsCredentialsProvider credentials) {
        return configure(StsClient.builder(), endpoint, credentials, Region.US_EAST_1);
    }

    static SqsClient sqs(URI endpoint) {
        return configure(SqsClient.builder(), endpoint, staticKey(EmbeddedSqs.ACCOUNT), Region.of(EmbeddedSqs.REGION));
    }

    private static AwsCredentialsProvider staticKey(String accountId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accountId, SECRET));
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(
            B builder, URI endpoint, AwsCredentialsProvider credentials, Region region) {
        return builder.endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build())
                .build();
    }
}
