package io.trustbaseline.aws;

import io.trustbaseline.core.AppSettings;
import io.trustbaseline.core.delivery.DeliveryPolicy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the AWS functions reach AWS: the endpoint (empty = the real one), the function's own credentials and region,
 * the per-call timeout, the sweep's regions and accounts, the results queue, and whether every run is a dry run.
 * The platform builds it from the environment ({@link #fromEnvironment}); the CLI and tests build it explicitly.
 *
 * @param endpoint       one endpoint for EKS, IAM and STS, such as the local cloud's
 * @param sqsEndpoint    the endpoint for SQS when it differs (ElasticMQ listens on its own port)
 * @param ownAccountId   the function's own account; empty = from the Lambda context, else STS GetCallerIdentity
 * @param callTimeout    the longest one API call may take, so a hung connection fails as transient
 * @param sweepRegions   regions the sweep lists clusters in; empty = the home region
 * @param sweepAccounts  other accounts, reached by assuming {@code sweepRoleName} in each (events of these accounts too)
 * @param requestsQueueUrl   the queue work comes back to when it has to wait ({@code trust-requests})
 * @param deadLetterQueueUrl where work ends that is still not done at its readiness deadline
 * @param delivery           when waiting work comes back, and until when
 */
public record AwsConfig(Optional<URI> endpoint, Optional<URI> sqsEndpoint, AwsCredentialsProvider credentials,
                        String homeRegion, Optional<String> ownAccountId, Duration callTimeout, List<String> sweepRegions,
                        List<String> sweepAccounts, Optional<String> sweepRoleName, Optional<String> resultsQueueUrl,
                        boolean forceDryRun, Optional<String> requestsQueueUrl, Optional<String> deadLetterQueueUrl,
                        DeliveryPolicy delivery, Optional<String> sweepResultsBucket) {

    public static final String ENDPOINT = "TRUST_BASELINE_AWS_ENDPOINT";
    public static final String SQS_ENDPOINT = "TRUST_BASELINE_SQS_ENDPOINT";
    public static final String CALL_TIMEOUT_SECONDS = "TRUST_BASELINE_AWS_CALL_TIMEOUT_SECONDS";
    public static final String RESULTS_QUEUE_URL = "RESULTS_QUEUE_URL";
    /** The {@code trust-requests} queue: where events, waiting work and a sweep's work are enqueued. */
    public static final String REQUESTS_QUEUE_URL = "REQUESTS_QUEUE_URL";
    /** The S3 bucket of the sweeps' per-target reports (JSON Lines by date and sweep) and their summaries. */
    public static final String SWEEP_RESULTS_BUCKET = "SWEEP_RESULTS_BUCKET";
    public static final String SWEEP_REGIONS = "SWEEP_REGIONS";
    public static final String SWEEP_ACCOUNTS = "SWEEP_ACCOUNTS";
    public static final String SWEEP_ROLE_NAME = "SWEEP_ROLE_NAME";
    public static final String DRY_RUN = "DRY_RUN";
    public static final String DEAD_LETTER_QUEUE_URL = "DEAD_LETTER_QUEUE_URL";
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** The secret the local cloud's static credentials use; it checks no signature. */
    private static final String LOCAL_SECRET = "local-cloud";

    public AwsConfig {
        sweepRegions = List.copyOf(sweepRegions);
        sweepAccounts = List.copyOf(sweepAccounts);
        if (!sweepAccounts.isEmpty() && sweepRoleName.isEmpty()) {
            throw new IllegalArgumentException(SWEEP_ACCOUNTS + " needs " + SWEEP_ROLE_NAME + ": the role to assume in each account");
        }
    }

    /** Real AWS with the given credentials and home region; everything else at its default. */
    public static AwsConfig of(AwsCredentialsProvider credentials, String homeRegion) {
        return new AwsConfig(Optional.empty(), Optional.empty(), credentials, homeRegion, Optional.empty(),
                DEFAULT_CALL_TIMEOUT, List.of(), List.of(), Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty(), DeliveryPolicy.standard(), Optional.empty());
    }

    /**
     * The local cloud at {@code endpoint}, acting as {@code accountId}: the local cloud tells accounts apart by the
     * access key id, so the credentials are static ones whose key id is the account id.
     */
    public static AwsConfig local(URI endpoint, String accountId, String homeRegion) {
        return of(StaticCredentialsProvider.create(AwsBasicCredentials.create(accountId, LOCAL_SECRET)), homeRegion)
                .withEndpoint(endpoint).withOwnAccount(accountId);
    }

    /** The Lambda environment: AWS_REGION, the default credential chain and the variables named above. */
    public static AwsConfig fromEnvironment(Map<String, String> env) {
        String region = first(env, "AWS_REGION", "AWS_DEFAULT_REGION").orElse("us-east-1");
        return new AwsConfig(AppSettings.value(env, ENDPOINT).map(URI::create), AppSettings.value(env, SQS_ENDPOINT).map(URI::create),
                DefaultCredentialsProvider.builder().build(), region, Optional.empty(),
                AppSettings.value(env, CALL_TIMEOUT_SECONDS).map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(DEFAULT_CALL_TIMEOUT),
                AppSettings.list(env, SWEEP_REGIONS), AppSettings.list(env, SWEEP_ACCOUNTS), AppSettings.value(env, SWEEP_ROLE_NAME),
                AppSettings.value(env, RESULTS_QUEUE_URL), AppSettings.flag(env, DRY_RUN),
                AppSettings.value(env, REQUESTS_QUEUE_URL), AppSettings.value(env, DEAD_LETTER_QUEUE_URL),
                DeliveryPolicy.fromSettings(env), AppSettings.value(env, SWEEP_RESULTS_BUCKET));
    }

    public AwsConfig withEndpoint(URI endpoint) {
        return with(b -> b.endpoint = Optional.of(endpoint));
    }

    public AwsConfig withSqsEndpoint(URI sqs) {
        return with(b -> b.sqsEndpoint = Optional.of(sqs));
    }

    public AwsConfig withCredentials(AwsCredentialsProvider provider) {
        return with(b -> b.credentials = provider);
    }

    public AwsConfig withOwnAccount(String accountId) {
        return with(b -> b.ownAccountId = Optional.of(accountId));
    }

    public AwsConfig withCallTimeout(Duration timeout) {
        return with(b -> b.callTimeout = timeout);
    }

    public AwsConfig withSweep(List<String> regions, List<String> accounts, String roleName) {
        return with(b -> {
            b.sweepRegions = regions;
            b.sweepAccounts = accounts;
            b.sweepRoleName = Optional.ofNullable(roleName);
        });
    }

    public AwsConfig withResultsQueue(String queueUrl) {
        return with(b -> b.resultsQueueUrl = Optional.of(queueUrl));
    }

    public AwsConfig withForcedDryRun(boolean dryRun) {
        return with(b -> b.forceDryRun = dryRun);
    }

    /** The requests queue and its dead-letter queue, which the queue function writes to itself. */
    public AwsConfig withWorkQueues(String requestsUrl, String deadLetterUrl) {
        return with(b -> {
            b.requestsQueueUrl = Optional.of(requestsUrl);
            b.deadLetterQueueUrl = Optional.of(deadLetterUrl);
        });
    }

    public AwsConfig withDelivery(DeliveryPolicy policy) {
        return with(b -> b.delivery = policy);
    }

    public AwsConfig withSweepResultsBucket(String bucket) {
        return with(b -> b.sweepResultsBucket = Optional.of(bucket));
    }

    /** A copy with some components changed: the record is built in one place, so each with-method is one line. */
    private AwsConfig with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    private static final class Copy {
        private Optional<URI> endpoint;
        private Optional<URI> sqsEndpoint;
        private AwsCredentialsProvider credentials;
        private String homeRegion;
        private Optional<String> ownAccountId;
        private Duration callTimeout;
        private List<String> sweepRegions;
        private List<String> sweepAccounts;
        private Optional<String> sweepRoleName;
        private Optional<String> resultsQueueUrl;
        private boolean forceDryRun;
        private Optional<String> requestsQueueUrl;
        private Optional<String> deadLetterQueueUrl;
        private DeliveryPolicy delivery;
        private Optional<String> sweepResultsBucket;

        Copy(AwsConfig config) {
            endpoint = config.endpoint;
            sqsEndpoint = config.sqsEndpoint;
            credentials = config.credentials;
            homeRegion = config.homeRegion;
            ownAccountId = config.ownAccountId;
            callTimeout = config.callTimeout;
            sweepRegions = config.sweepRegions;
            sweepAccounts = config.sweepAccounts;
            sweepRoleName = config.sweepRoleName;
            resultsQueueUrl = config.resultsQueueUrl;
            forceDryRun = config.forceDryRun;
            requestsQueueUrl = config.requestsQueueUrl;
            deadLetterQueueUrl = config.deadLetterQueueUrl;
            delivery = config.delivery;
            sweepResultsBucket = config.sweepResultsBucket;
        }

        AwsConfig build() {
            return new AwsConfig(endpoint, sqsEndpoint, credentials, homeRegion, ownAccountId, callTimeout, sweepRegions,
                    sweepAccounts, sweepRoleName, resultsQueueUrl, forceDryRun, requestsQueueUrl, deadLetterQueueUrl,
                    delivery, sweepResultsBucket);
        }
    }

    /** The regions the sweep covers. */
    public List<String> regionsToSweep() {
        return sweepRegions.isEmpty() ? List.of(homeRegion) : sweepRegions;
    }

    private static Optional<String> first(Map<String, String> env, String... names) {
        return Arrays.stream(names).map(n -> AppSettings.value(env, n)).flatMap(Optional::stream).findFirst();
    }
}
