package io.trustbaseline.localcloud.aws;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Context;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.ManualClock;
import io.trustbaseline.localcloud.World;
import io.trustbaseline.localcloud.arm.ArmService;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.iam.model.IamException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A world's rateLimits throttle each API family as its cloud does once the second's tokens are spent: EKS
 * ThrottlingException (429), IAM Throttling (400), neither with Retry-After; ARM 429 with Retry-After. Tokens come back
 * with time on the world's clock.
 */
class RateLimitsTest {
    static final String ACCOUNT = "111122223333";
    static final String WORLD = """
            { "rateLimits": { "eks": 2, "iam": 1, "arm-read": 1 },
              "azure": { "subscriptions": { "00000000-0000-0000-0000-000000000001": { "resourceGroups": { "rg": {} } } } },
              "aws": { "accounts": { "111122223333": {
                "iam": { "roles": { "r": { "path": "/" } } },
                "regions": { "eu-west-1": { "clusters": { "prod": { "status": "ACTIVE" } } } } } } } }""";

    @Test
    void eachFamilyIsThrottledInItsCloudsShapeUntilTokensComeBack() {
        World world = World.parse(WORLD);
        ManualClock clock = new ManualClock();
        world.useClock(clock);
        List<io.trustbaseline.localcloud.CloudService> services = new ArrayList<>(AwsServices.all());
        services.add(ArmService.create());
        try (LocalCloud cloud = LocalCloud.start(world, services)) {
            var eks = LocalAwsClients.eks(cloud.endpoint(), ACCOUNT, "eu-west-1");
            eks.describeCluster(r -> r.name("prod"));
            eks.describeCluster(r -> r.name("prod"));
            EksException throttled = assertThrows(EksException.class, () -> eks.describeCluster(r -> r.name("prod")));
            assertEquals(429, throttled.statusCode());
            assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
            assertNull(throttled.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").orElse(null));

            var iam = LocalAwsClients.iam(cloud.endpoint(), ACCOUNT);
            iam.getRole(r -> r.roleName("r"));
            IamException iamThrottled = assertThrows(IamException.class, () -> iam.getRole(r -> r.roleName("r")));
            assertEquals(400, iamThrottled.statusCode());
            assertEquals("Throttling", iamThrottled.awsErrorDetails().errorCode());

            String group = cloud.endpoint() + "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/"
                    + "Microsoft.ContainerRegistry/registries?api-version=2025-11-01";
            var http = new JdkHttpClientBuilder().build();
            assertEquals(200, http.sendSync(new HttpRequest(HttpMethod.GET, group), Context.NONE).getStatusCode());
            HttpResponse armThrottled = http.sendSync(new HttpRequest(HttpMethod.GET, group), Context.NONE);
            assertEquals(429, armThrottled.getStatusCode());
            assertEquals("1", armThrottled.getHeaderValue("Retry-After"));

            clock.advance(Duration.ofSeconds(1));
            assertEquals("prod", eks.describeCluster(r -> r.name("prod")).cluster().name());
            assertEquals(200, http.sendSync(new HttpRequest(HttpMethod.GET, group), Context.NONE).getStatusCode());
        }
    }
}
