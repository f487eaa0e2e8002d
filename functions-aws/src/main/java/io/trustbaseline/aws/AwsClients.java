package io.trustbaseline.aws;

import io.trustbaseline.core.target.EksClusterArn;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import io.trustbaseline.core.port.CloudException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK clients of one process, built on first use and kept: EKS per account and region, IAM per account (on
 * its global endpoint), STS and SQS once at start, SSM Parameter Store once if the baseline is kept there. Every
 * client shares one url-connection HTTP client and has the SDK's own retries off (the core retries each call), an
 * API call timeout so a hung call fails as transient, and the {@link RequestMeter} that counts each request it sends
 * for the report. The deployment serves its own account, with the function's own credentials, and the accounts
 * listed in {@link AwsConfig#sweepAccounts()}, each through the sweep role assumed there; it has no client for any
 * other account, so a write can only reach the account its target names.
 */
public final class AwsClients {
    private record AccountRegion(String accountId, String region) { }

    /** The cache key of clients with the function's own credentials: they serve every account not assumed into. */
    private static final String OWN_CREDENTIALS = "";

    private final AwsConfig config;
    private final SdkHttpClient http;
    private final StsClient sts;
    private final Map<AccountRegion, EksClient> eks = new ConcurrentHashMap<>();
    private final Map<String, IamClient> iam = new ConcurrentHashMap<>();
    private final Map<String, AwsCredentialsProvider> assumed = new ConcurrentHashMap<>();
    private final SqsClient sqs;
    private volatile S3Client s3;
    private volatile String ownAccountId;
    private final Map<String, SecretsManagerClient> secrets = new ConcurrentHashMap<>();
    private SsmClient ssm;

    public AwsClients(AwsConfig config) {
        this(config, UrlConnectionHttpClient.builder()
                .connectionTimeout(config.callTimeout())
                .socketTimeout(config.callTimeout())
                .build());
    }

    /** Over {@code http} instead of the url-connection client: the snapshot's priming uses one that is offline. */
    AwsClients(AwsConfig config, SdkHttpClient http) {
        this.config = config;
        this.http = http;
        this.sts = configure(StsClient.builder(), config.endpoint(), config.credentials(), Region.of(config.homeRegion()));
        this.sqs = configure(SqsClient.builder(), config.sqsEndpoint().or(config::endpoint), config.credentials(),
                Region.of(config.homeRegion()));
    }

    /** Whether the deployment acts in {@code accountId}: its own account or one it is configured to assume into. */
    public boolean serves(String accountId) {
        return config.sweepAccounts().contains(accountId) || accountId.equals(ownAccountId());
    }

    /** The accounts the deployment acts in, for messages naming what it serves. */
    public List<String> servedAccounts() {
        List<String> out = new ArrayList<>();
        out.add(ownAccountId());
        config.sweepAccounts().stream().filter(a -> !out.contains(a)).forEach(out::add);
        return out;
    }

    /**
     * The function's own account: configured, else asked of STS once (GetCallerIdentity needs no permission).
     */
    public String ownAccountId() {
        if (config.ownAccountId().isPresent()) {
            return config.ownAccountId().get();
        }
        if (ownAccountId == null) {
            ownAccountId = AwsErrors.call("sts:GetCallerIdentity", () -> sts.getCallerIdentity().account());
        }
        return ownAccountId;
    }

    public EksClient eks(String accountId, String region) {
        return eks.computeIfAbsent(new AccountRegion(credentialsKey(accountId), region),
                k -> configure(EksClient.builder(), config.endpoint(), credentials(accountId), Region.of(region)));
    }

    /** IAM is global: one endpoint per partition, signed for its global region. */
    public IamClient iam(String accountId) {
        return iam.computeIfAbsent(credentialsKey(accountId),
                k -> configure(IamClient.builder(), config.endpoint(), credentials(accountId), iamRegion()));
    }

    /**
     * Builds the home region's EKS and IAM clients for the function's own credentials now rather than on the first
     * event, so that a SnapStart snapshot taken after init already holds them. Building a client makes no call.
     */
    public void prime() {
        eks.computeIfAbsent(new AccountRegion(OWN_CREDENTIALS, config.homeRegion()), k -> configure(EksClient.builder(),
                config.endpoint(), config.credentials(), Region.of(config.homeRegion())));
        iam.computeIfAbsent(OWN_CREDENTIALS, k -> configure(IamClient.builder(), config.endpoint(), config.credentials(),
                iamRegion()));
    }

    /**
     * After a SnapStart restore: the assumed-role sessions held were issued before the snapshot, to every copy of it
     * alike, so each restored instance assumes its own; the function's own credentials are resolved now rather
     * than on the first event (best effort: a failure is the first call's to report, with its action named).
     */
    public void afterRestore() {
        assumed.clear();
        eks.keySet().removeIf(k -> !k.accountId().equals(OWN_CREDENTIALS));
        iam.keySet().removeIf(k -> !k.equals(OWN_CREDENTIALS));
        try {
            config.credentials().resolveCredentials();
        } catch (RuntimeException e) {
            // left to the first call, which reports it as that call's failure
        }
    }

    public StsClient sts() {
        return sts;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /**
     * S3 in the home region with the function's own credentials (the sweeps' results bucket), path-style so that the
     * one local endpoint serves every bucket.
     */
    public S3Client s3() {
        if (s3 == null) {
            synchronized (this) {
                if (s3 == null) {
                    s3 = configure(S3Client.builder().forcePathStyle(true), config.endpoint(), config.credentials(),
                            Region.of(config.homeRegion()));
                }
            }
        }
        return s3;
    }

    /** The function's own Secrets Manager in {@code region}, built on first use (only notifications need it). */
    public SecretsManagerClient secretsManager(String region) {
        return secrets.computeIfAbsent(region,
                r -> configure(SecretsManagerClient.builder(), config.endpoint(), config.credentials(), Region.of(r)));
    }

    /** Parameter Store of the home region, with the function's own credentials: built on first use (only where the
     *  baseline is kept there), then kept. */
    public synchronized SsmClient ssm() {
        if (ssm == null) {
            ssm = configure(SsmClient.builder(), config.endpoint(), config.credentials(), Region.of(config.homeRegion()));
        }
        return ssm;
    }

    /** The role ARN the function assumes in another account. */
    public String sweepRoleArn(String accountId) {
        return "arn:" + partition() + ":iam::" + accountId + ":role/" + config.sweepRoleName().orElseThrow();
    }

    /**
     * Own credentials for the own account, the assumed role for a served one; an account not served has none: the
     * function's own credentials must never write to its own account on behalf of a target in another.
     */
    private boolean usesOwnCredentials(String accountId) {
        if (accountId.equals(ownAccountId())) {
            return true;
        }
        if (config.sweepAccounts().contains(accountId)) {
            return false;
        }
        throw new CloudException(CloudException.Kind.ACCESS_DENIED, "AccountNotServed", "account " + accountId
                + " is not one this deployment serves (" + String.join(", ", servedAccounts()) + ")", null, null, null);
    }

    private String credentialsKey(String accountId) {
        return usesOwnCredentials(accountId) ? OWN_CREDENTIALS : accountId;
    }

    private AwsCredentialsProvider credentials(String accountId) {
        if (usesOwnCredentials(accountId)) {
            return config.credentials();
        }
        return assumed.computeIfAbsent(accountId, a -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(sweepRoleArn(a)).roleSessionName("trust-baseline"))
                .build());
    }

    /** The partition of the deployment's home region: the only one its credentials reach. */
    public String partition() {
        return EksClusterArn.partitionOf(config.homeRegion());
    }

    private Region iamRegion() {
        return switch (partition()) {
            case "aws-cn" -> Region.AWS_CN_GLOBAL;
            case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
            default -> Region.AWS_GLOBAL;
        };
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(
            B builder, Optional<URI> endpoint, AwsCredentialsProvider credentials, Region region) {
        endpoint.ifPresent(builder::endpointOverride);
        return builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(config.callTimeout())
                        .addExecutionInterceptor(RequestMeter.INSTANCE)
                        .build())
                .build();
    }
}
