package io.trustbaseline.azure.local;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An HTTP request outside the Functions host, whose response builder builds a {@link Response}. */
public final class LocalHttpRequest implements HttpRequestMessage<Optional<String>> {
    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers;
    private final String body;

    public LocalHttpRequest(HttpMethod method, URI uri, Map<String, String> headers, String body) {
        this.method = method;
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    /** {@code POST} of a JSON body, as the portal's Code + Test sends it. */
    public static LocalHttpRequest post(URI uri, String body) {
        return new LocalHttpRequest(HttpMethod.POST, uri, Map.of("content-type", "application/json"), body);
    }

    @Override
    public URI getUri() { return uri; }

    @Override
    public HttpMethod getHttpMethod() { return method; }

    @Override
    public Map<String, String> getHeaders() { return headers; }

    @Override
    public Map<String, String> getQueryParameters() { return Map.of(); }

    @Override
    public Optional<String> getBody() { return Optional.ofNullable(body); }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new ResponseBuilder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new ResponseBuilder(status);
    }

    /** A response as the function built it; header names are matched ignoring case. */
    public record Response(HttpStatusType getStatus, Map<String, String> headers, Object getBody) implements HttpResponseMessage {
        @Override
        public String getHeader(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final class ResponseBuilder implements HttpResponseMessage.Builder {
        private HttpStatusType status;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object body;

        ResponseBuilder(HttpStatusType status) {
            this.status = status;
        }

        @Override
        public HttpResponseMessage.Builder status(HttpStatusType status) {
            this.status = status;
            return this;
        }

        @Override
        public HttpResponseMessage.Builder header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        @Override
        public HttpResponseMessage.Builder body(Object body) {
            this.body = body;
            return this;
        }

        @Override
        public HttpResponseMessage build() {
            return new Response(status, Map.copyOf(headers), body);
        }
    }
}
