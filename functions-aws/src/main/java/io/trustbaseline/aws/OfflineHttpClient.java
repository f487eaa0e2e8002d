package io.trustbaseline.aws;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP client for the SDK that never opens a socket: it reads each request's body, as a real client sends it,
 * and answers in the service's own shapes, so that the SDK's marshalling, signing and unmarshalling all run. An EKS
 * cluster is described as ACTIVE with no Pod Identity associations, so that a reconcile plans its settings;
 * everything else is answered 404 with the service's "not found" error in the request's protocol (the query
 * protocol's XML for IAM and STS, the JSON protocols' {@code __type} and {@code x-amzn-ErrorType} for EKS and SQS).
 * The snapshot's priming rehearses the event path over it.
 */
final class OfflineHttpClient implements SdkHttpClient {
    private static final String ERROR_CODE = "ResourceNotFoundException";
    private static final String MESSAGE = "answered offline: no request leaves the process while the snapshot is primed";

    /** EKS DescribeCluster ({@code GET /clusters/{name}}) and ListPodIdentityAssociations. */
    private static final Pattern DESCRIBE_CLUSTER = Pattern.compile("^/clusters/([^/]+)$");
    private static final Pattern LIST_ASSOCIATIONS = Pattern.compile("^/clusters/[^/]+/pod-identity-associations$");

    private final AtomicInteger answered = new AtomicInteger();

    /** How many requests this client has answered. */
    int answered() {
        return answered.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream body = request.contentStreamProvider().get().newStream()) {
                        body.readAllBytes();
                    }
                }
                answered.incrementAndGet();
                SdkHttpRequest http = request.httpRequest();
                Matcher cluster = DESCRIBE_CLUSTER.matcher(http.encodedPath());
                if (http.method() == SdkHttpMethod.GET && cluster.matches()) {
                    return ok("{\"cluster\":{\"name\":\"" + cluster.group(1) + "\",\"status\":\"ACTIVE\",\"tags\":{}}}");
                }
                if (http.method() == SdkHttpMethod.GET && LIST_ASSOCIATIONS.matcher(http.encodedPath()).matches()) {
                    return ok("{\"associations\":[]}");
                }
                return notFound(http.firstMatchingHeader("Content-Type").orElse(""));
            }

            @Override
            public void abort() {
                // nothing is in flight
            }
        };
    }

    private static HttpExecuteResponse ok(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder().response(SdkHttpResponse.builder().statusCode(200).statusText("OK")
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Content-Length", String.valueOf(bytes.length))
                        .putHeader("x-amzn-RequestId", "offline").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
    }

    private static HttpExecuteResponse notFound(String requestContentType) {
        boolean query = requestContentType.startsWith("application/x-www-form-urlencoded");
        String body = query
                ? "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>" + MESSAGE
                        + "</Message></Error><RequestId>offline</RequestId></ErrorResponse>"
                : "{\"__type\":\"" + ERROR_CODE + "\",\"message\":\"" + MESSAGE + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(404).statusText("Not Found")
                .putHeader("Content-Type", query ? "text/xml" : "application/x-amz-json-1.1")
                .putHeader("Content-Length", String.valueOf(bytes.length))
                .putHeader("x-amzn-RequestId", "offline");
        if (!query) {
            response.putHeader("x-amzn-ErrorType", ERROR_CODE);
        }
        return HttpExecuteResponse.builder().response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
    }

    @Override
    public String clientName() {
        return "Offline";
    }

    @Override
    public void close() {
        // holds nothing
    }
}
