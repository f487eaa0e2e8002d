package io.trustbaseline.azure.arm;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.fluent.RoleAssignmentsClient;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerregistry.fluent.RegistriesClient;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.ContainerServiceManagementClient;
import com.azure.resourcemanager.keyvault.KeyVaultManager;
import com.azure.resourcemanager.keyvault.fluent.VaultsClient;
import com.azure.resourcemanager.storage.StorageManager;
import com.azure.resourcemanager.storage.fluent.StorageAccountsClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.report.CallMeter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One process's way to Azure Resource Manager: an HTTP pipeline over the JDK HTTP client (no Netty) with NO retry
 * policy (the core retries and counts every attempt), and the azure-resourcemanager managers built from it once per
 * subscription, on first use, then reused by every invocation. Every request it sends is recorded on the
 * {@link CallMeter} of the call that sent it, so a report counts long-running-operation polls and pages too. The one
 * retry it makes itself is of a long-running write's polls (see {@link #longRunning}).
 */
public final class ArmConnection {
    /** The Azure ML workspaces api-version of the generic GETs (no workspace library in this project). */
    static final String WORKSPACES_API_VERSION = "2024-04-01";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a request waits for ARM's answer: the longest one attempt of a call may take. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The longest the SDK waits between two polls of a long-running write. It waits the {@code Retry-After} of the
     * write's answer and of each poll, else the manager's default poll interval, 30 s ({@code authenticate(pipeline,
     * profile)} offers no way to set it); {@link PollRetryPolicy} sets that header to at most this, so the wait
     * before a poll the work item's budget refuses adds at most this much to the budget. Polling more often than
     * ARM's {@code Retry-After} asks costs only reads (a poll answers the same status until the operation ends).
     */
    public static final Duration POLL_WAIT = Duration.ofSeconds(10);
    /** The context key under which a long-running write carries the retrier of its polls. */
    private static final String POLL_RETRIER = "trust-baseline.poll-retrier";

    private final HttpPipeline pipeline;
    private final AzureEnvironment environment;
    private final String tenantId;
    private final Duration responseTimeout;
    private final ConcurrentMap<String, ContainerServiceManager> containerService = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ContainerRegistryManager> containerRegistry = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, StorageManager> storage = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AuthorizationManager> authorization = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, KeyVaultManager> keyVault = new ConcurrentHashMap<>();

    private ArmConnection(HttpPipeline pipeline, AzureEnvironment environment, String tenantId, Duration responseTimeout) {
        this.pipeline = pipeline;
        this.environment = environment;
        this.tenantId = tenantId;
        this.responseTimeout = responseTimeout;
    }

    /** The public cloud with a credential (DefaultAzureCredential: the managed identity when deployed). */
    public static ArmConnection azure(TokenCredential credential, String tenantId) {
        AzureEnvironment environment = AzureEnvironment.AZURE;
        String scope = environment.getManagementEndpoint() + "/.default";
        return new ArmConnection(pipeline(httpClient(RESPONSE_TIMEOUT), POLL_WAIT,
                new ArmChallengeAuthenticationPolicy(credential, scope)), environment, tenantId, RESPONSE_TIMEOUT);
    }

    /** An ARM-compatible endpoint without authentication, such as the local cloud. */
    public static ArmConnection local(URI endpoint) {
        return local(endpoint, RESPONSE_TIMEOUT);
    }

    /** As {@link #local(URI)}, giving up on a response after {@code responseTimeout}. */
    public static ArmConnection local(URI endpoint, Duration responseTimeout) {
        return local(endpoint, responseTimeout, POLL_WAIT);
    }

    /** As {@link #local(URI, Duration)}, the SDK waiting at most {@code pollWait} between a long-running write's polls. */
    public static ArmConnection local(URI endpoint, Duration responseTimeout, Duration pollWait) {
        // Public-cloud values for every other endpoint: some managers read them when built; none is called.
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", endpoint.toString().replaceAll("/+$", "") + "/");
        return new ArmConnection(pipeline(httpClient(responseTimeout), pollWait), new AzureEnvironment(endpoints), null,
                responseTimeout);
    }

    /** How long a request waits for ARM's answer: a work item's attempt at its longest. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    private static HttpClient httpClient(Duration responseTimeout) {
        return new JdkHttpClientBuilder().connectionTimeout(CONNECT_TIMEOUT).responseTimeout(responseTimeout)
                .readTimeout(responseTimeout).build();
    }

    private static HttpPipeline pipeline(HttpClient client, Duration pollWait, HttpPipelinePolicy... authentication) {
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy("trust-baseline"));
        policies.add(new RequestIdPolicy());
        policies.add(new PollRetryPolicy(pollWait));
        policies.addAll(List.of(authentication));
        policies.add(new MeterPolicy()); // after the retries: each attempt is a request the cloud counts
        return new HttpPipelineBuilder().httpClient(client).policies(policies.toArray(HttpPipelinePolicy[]::new)).build();
    }

    /**
     * The SDK context of a port call: it carries the call's meter to the requests the SDK sends for it, including the
     * polls of a long-running operation, which run on the SDK's own threads.
     */
    Context metered() {
        return new Context(CallMeter.class, CallMeter.current());
    }

    /**
     * The SDK context of a long-running write (a PUT, PATCH or DELETE that ARM answers 201/202 and the SDK then polls):
     * metered, and its polls and final GET retried alone by the retrier of the call that makes the write (the work
     * item's, {@link Retrier#calling()}), else by {@code polls} (a port called on its own). Once ARM accepted the
     * write, a poll that fails transiently (429, 5xx, a timeout) is sent again, waiting what the policy and ARM's
     * Retry-After say; the write is never sent again for it. When the polls' retries are spent, the failure is
     * {@link CloudException#retriesSpent() spent}: no caller retries the write, the delivery tries the work later.
     * The work item's budget bounds the polls too: a poll it has no room for is not sent, and the write fails
     * transiently as {@value #STILL_RUNNING}; the work comes back later, reads the target and finds what the write did.
     */
    Context longRunning(Retrier polls) {
        return metered().addData(POLL_RETRIER, Retrier.calling().orElse(polls));
    }

    /** The failure of a long-running write whose work item has no time left to poll it: it goes on in the cloud. */
    static final String STILL_RUNNING = "LongRunningWriteStillRunning";

    /**
     * For a call whose context carries a poll retrier (a long-running write): retries its GETs alone (the polls),
     * and keeps the SDK's wait before each poll to at most {@code pollWait}.
     */
    private static final class PollRetryPolicy implements HttpPipelinePolicy {
        private final Duration pollWait;

        PollRetryPolicy(Duration pollWait) {
            this.pollWait = pollWait;
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            Retrier polls = pollRetrier(context);
            if (polls == null) {
                return next.process();
            }
            if (context.getHttpRequest().getHttpMethod() != HttpMethod.GET) {
                return next.process().map(this::boundWait); // the write itself: sent once
            }
            // the retrier waits by blocking: off the HTTP client's threads
            return Mono.fromCallable(() -> boundWait(poll(polls, () -> next.clone().process().block())))
                    .subscribeOn(Schedulers.boundedElastic());
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            Retrier polls = pollRetrier(context);
            if (polls == null) {
                return next.processSync();
            }
            if (context.getHttpRequest().getHttpMethod() != HttpMethod.GET) {
                return boundWait(next.processSync());
            }
            return boundWait(poll(polls, () -> next.clone().processSync()));
        }

        private static Retrier pollRetrier(HttpPipelineCallContext context) {
            return context.getContext().getData(POLL_RETRIER).map(Retrier.class::cast).orElse(null);
        }

        /**
         * A successful answer's {@code Retry-After}, which the SDK waits before its next poll, at most {@code pollWait}
         * (set when ARM sent none or a longer one); an error's is left as it came, for the retries that honour it. The
         * SDK reads it from these headers, the HTTP client's one mutable set, after this policy returns.
         */
        private HttpResponse boundWait(HttpResponse response) {
            if (response.getStatusCode() < 300) {
                long seconds;
                try {
                    seconds = Long.parseLong(String.valueOf(response.getHeaderValue(HttpHeaderName.RETRY_AFTER)).strip());
                } catch (NumberFormatException e) {
                    seconds = -1; // none, or a date: the SDK would wait its default
                }
                if (seconds < 1 || seconds > pollWait.toSeconds()) {
                    response.getHeaders().set(HttpHeaderName.RETRY_AFTER, String.valueOf(pollWait.toSeconds()));
                }
            }
            return response;
        }

        /**
         * One poll, retried while it fails transiently; any other answer goes to the SDK as it came. A poll the work
         * item's budget has no room for is not sent: the write was accepted and is still running.
         */
        private static HttpResponse poll(Retrier polls, Supplier<HttpResponse> send) {
            try {
                return polls.call(() -> {
                    HttpResponse response;
                    try {
                        response = send.get();
                    } catch (RuntimeException e) {
                        throw ArmErrors.translate(e);
                    }
                    int status = response.getStatusCode();
                    if (status != 429 && status != 408 && status < 500) {
                        return response;
                    }
                    try (response) {
                        BinaryData body = response.getBodyAsBinaryData();
                        JsonNode error = errorBody(body == null ? new byte[0] : body.toBytes()).path("error");
                        throw ArmErrors.fromResponse(status, error.path("code").asText(null),
                                error.path("message").asText(null), response.getHeaders());
                    }
                }, () -> { });
            } catch (CloudException e) {
                if (Retrier.WORK_BUDGET_SPENT.equals(e.code())) {
                    throw CloudException.transientFailure(STILL_RUNNING, "the write was accepted and is still running;"
                            + " this work item has no time left to poll it, so the work comes back later and reads what"
                            + " it did", null, e).retriesSpent();
                }
                throw e.isTransient() ? e.retriesSpent() : e;
            }
        }
    }

    /** Records each request on the meter its context carries, else on the sending thread's. */
    private static final class MeterPolicy implements HttpPipelinePolicy {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            return Mono.defer(() -> {
                record(context);
                return next.process();
            });
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            record(context);
            return next.processSync();
        }

        private static void record(HttpPipelineCallContext context) {
            HttpMethod method = context.getHttpRequest().getHttpMethod();
            context.getContext().getData(CallMeter.class).map(CallMeter.class::cast).orElseGet(CallMeter::current)
                    .record(method != HttpMethod.GET && method != HttpMethod.HEAD);
        }
    }

    /** The resource manager endpoint, such as {@code https://management.azure.com/}. */
    public String endpoint() {
        return environment.getResourceManagerEndpoint();
    }

    ContainerServiceManagementClient containerService(String subscription) {
        return manager(containerService, subscription, ContainerServiceManager::authenticate).serviceClient();
    }

    RegistriesClient registries(String subscription) {
        return manager(containerRegistry, subscription, ContainerRegistryManager::authenticate).serviceClient().getRegistries();
    }

    StorageAccountsClient storageAccounts(String subscription) {
        return manager(storage, subscription, StorageManager::authenticate).serviceClient().getStorageAccounts();
    }

    VaultsClient vaults(String subscription) {
        return manager(keyVault, subscription, KeyVaultManager::authenticate).serviceClient().getVaults();
    }

    /** The ARM role-assignment client ({@code serviceClient()} is Microsoft Graph). */
    RoleAssignmentsClient roleAssignments(String subscription) {
        return manager(authorization, subscription, AuthorizationManager::authenticate).roleServiceClient().getRoleAssignments();
    }

    private <M> M manager(ConcurrentMap<String, M> managers, String subscription,
                          BiFunction<HttpPipeline, AzureProfile, M> authenticate) {
        return managers.computeIfAbsent(subscription.toLowerCase(java.util.Locale.ROOT),
                s -> authenticate.apply(pipeline, new AzureProfile(tenantId, subscription, environment)));
    }

    /** A generic ARM GET of {@code path} (a resource id or a collection): the body, or the ARM error as a CloudException. */
    JsonNode get(String path, String apiVersion) {
        return getUrl(endpoint().replaceAll("/+$", "") + path + "?api-version=" + apiVersion);
    }

    /** One page of an ARM collection: the first, or the one {@code nextLink} names. */
    JsonNode page(String path, String apiVersion, java.util.Optional<String> nextLink) {
        return nextLink.isPresent() ? getUrl(nextLink.get()) : get(path, apiVersion);
    }

    /** Every item of an ARM collection, following {@code nextLink}. */
    List<JsonNode> list(String path, String apiVersion) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode page = get(path, apiVersion);
        while (true) {
            page.path("value").forEach(items::add);
            String next = page.path("nextLink").asText("");
            if (next.isEmpty()) {
                return items;
            }
            page = getUrl(next);
        }
    }

    private JsonNode getUrl(String url) {
        return ArmErrors.call(() -> {
            try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), metered())) {
                BinaryData body = response.getBodyAsBinaryData();
                byte[] bytes = body == null ? new byte[0] : body.toBytes();
                if (response.getStatusCode() >= 400) {
                    JsonNode error = errorBody(bytes).path("error");
                    throw ArmErrors.fromResponse(response.getStatusCode(), error.path("code").asText(null),
                            error.path("message").asText(null), response.getHeaders());
                }
                return bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** An error body as JSON, or nothing when a gateway answered with something else (an HTML page). */
    private static JsonNode errorBody(byte[] bytes) {
        try {
            return bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
