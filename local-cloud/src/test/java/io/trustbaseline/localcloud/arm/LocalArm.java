package io.trustbaseline.localcloud.arm;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.storage.StorageManager;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The real azure-resourcemanager managers, pointed at the local cloud: ARM over plain http, so the pipeline has no
 * bearer-token policy; the JDK HTTP client (no Netty); a profile whose environment's resource manager endpoint is the
 * emulator. Long-running operations poll as the emulator's Retry-After says, as against ARM.
 *
 * @param pipeline the pipeline every manager shares
 * @param profile  tenant, subscription and the emulator's environment
 */
record LocalArm(HttpPipeline pipeline, AzureProfile profile) {
    static final String TENANT = "00000000-0000-0000-0000-0000000000aa";

    /** Managers for {@code subscription} on the emulator at {@code endpoint}, with the given policies (such as a RetryPolicy). */
    static LocalArm connect(URI endpoint, String subscription, HttpPipelinePolicy... policies) {
        HttpPipeline pipeline = new HttpPipelineBuilder()
                .httpClient(new JdkHttpClientBuilder().build())
                .policies(policies)
                .build();
        // Public-cloud endpoints for everything else: some managers read them at construction, none is called.
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", endpoint + "/");
        AzureEnvironment environment = new AzureEnvironment(endpoints);
        return new LocalArm(pipeline, new AzureProfile(TENANT, subscription, environment));
    }

    ContainerServiceManager containerService() {
        return ContainerServiceManager.authenticate(pipeline, profile);
    }

    ContainerRegistryManager containerRegistry() {
        return ContainerRegistryManager.authenticate(pipeline, profile);
    }

    StorageManager storage() {
        return StorageManager.authenticate(pipeline, profile);
    }

    AuthorizationManager authorization() {
        return AuthorizationManager.authenticate(pipeline, profile);
    }

    /** Generic ARM calls by resource id, as used for Azure ML workspaces (no dedicated library in the project). */
    ResourceManager resources() {
        return ResourceManager.authenticate(pipeline, profile).withSubscription(profile.getSubscriptionId());
    }
}
