package io.trustbaseline.localcloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local cloud: one HTTP server on loopback that answers ARM, EKS and IAM calls in their real wire formats, so
 * the real SDK clients talk to it unchanged. AWS requests are told apart by the service in their SigV4 credential
 * scope; everything else is ARM. Each call is counted; the world's rate limits (see {@link RateLimits}) and the caller's permissions (the deployment's, see
 * {@link Permissions}) are checked, and faults and latency from the world file are injected, before the emulator runs.
 * A call's latency is a timer, not a sleeping thread: any number of calls can be in flight, as in the cloud, and the
 * world's rate limits stay the only ceiling on throughput.
 */
public final class LocalCloud implements AutoCloseable {
    static {
        // Without TCP_NODELAY each response waits for the client's delayed ACK (~40 ms on loopback). The JDK reads
        // this once, when the first server starts; a value set on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final World world;
    private final List<CloudService> services;
    private final CallLog calls = new CallLog();
    private final HttpServer server;
    private final ExecutorService executor;
    /** Holds each call for the world's latency (or an injected timeout) before it is answered on {@link #executor}. */
    private final ScheduledExecutorService timer;

    private LocalCloud(World world, List<CloudService> services, int port) throws IOException {
        this.world = world;
        this.services = List.copyOf(services);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor = Executors.newFixedThreadPool(8, r -> daemon(r, "local-cloud"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "local-cloud-latency"));
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts on a free loopback port with the given services. */
    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public static LocalCloud start(World world, List<CloudService> services) {
        return start(world, services, 0);
    }

    public static LocalCloud start(World world, List<CloudService> services, int port) {
        try {
            return new LocalCloud(world, services, port);
        } catch (IOException e) {
            throw new IllegalStateException("local cloud: cannot listen on loopback port " + port, e);
        }
    }

    /** The base URL every emulated service answers on, such as {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public World world() { return world; }

    public CallLog calls() { return calls; }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        executor.shutdownNow();
    }

    /** Reads the request and answers it once the world's latency has passed; the exchange outlives this handler. */
    private void serve(HttpExchange exchange) throws IOException {
        LocalRequest request;
        try {
            request = read(exchange);
        } catch (IOException | RuntimeException e) {
            exchange.close();
            throw e;
        }
        later(world.latencyMs(), () -> answer(exchange, request));
    }

    private void later(long ms, Runnable task) {
        if (ms <= 0) {
            task.run();
            return;
        }
        timer.schedule(() -> executor.execute(task), ms, TimeUnit.MILLISECONDS);
    }

    private void answer(HttpExchange exchange, LocalRequest request) {
        LocalResponse response;
        try {
            response = dispatch(request);
        } catch (RuntimeException e) {
            response = LocalResponse.json(500, "{\"error\":{\"code\":\"InternalError\",\"message\":\"local cloud: "
                    + e.toString().replace("\"", "'") + "\"}}");
        }
        if (response == null) {
            later(30_000, exchange::close); // an injected timeout: the client gives up before any answer
            return;
        }
        try (exchange) {
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            boolean noBody = response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            // the client went away before its answer: nothing to tell it
        }
    }

    LocalResponse dispatch(LocalRequest request) {
        for (CloudService service : services) {
            Optional<Route> route = service.route(request);
            if (route.isEmpty()) {
                continue;
            }
            Route r = route.get();
            Integer throttledFor = world.rateLimits().take(RateLimits.family(r), world.clock().instant());
            if (throttledFor != null) {
                // ARM answers 429 with Retry-After; EKS (ThrottlingException, 429) and IAM/STS (Throttling, 400) send no
                // Retry-After: the SDKs back off on their own.
                boolean arm = r.api().startsWith("arm:");
                LocalResponse response = service.fault(new Fault(r.api(), arm ? "TooManyRequests" : "ThrottlingException", null,
                        arm ? throttledFor : null, 1), request);
                calls.record(r.api(), r.write(), response.status());
                return response;
            }
            Access refused = refused(service, r, request);
            if (refused != null) {
                LocalResponse response = service.denied(refused, request, world);
                calls.record(r.api(), r.write(), response.status());
                return response;
            }
            Fault fault = world.takeFault(r.api());
            if (fault != null && fault.afterApply()) {
                r.handler().handle(request, world); // the change is made; only its answer is lost
            }
            if (fault != null && fault.isTimeout()) {
                calls.record(r.api(), r.write(), 0);
                return null;
            }
            LocalResponse response = fault != null ? service.fault(fault, request) : r.handler().handle(request, world);
            calls.record(r.api(), r.write(), response.status());
            return response;
        }
        calls.record("unknown:" + request.method() + " " + request.path(), false, 404);
        return LocalResponse.json(404, "{\"error\":{\"code\":\"NotEmulated\",\"message\":\"local cloud does not serve "
                + request.method() + " " + request.path() + "\"}}");
    }

    /** The first access the call needs that the caller's permissions do not allow, or null. */
    private Access refused(CloudService service, Route route, LocalRequest request) {
        if (!world.enforcesPermissions()) {
            return null;
        }
        Permissions permissions = service.permissions();
        return world.locked(root -> route.authorization().of(request, root)).stream()
                .filter(access -> !permissions.allows(access)).findFirst().orElse(null);
    }

    private static LocalRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (uri.getScheme() == null && uri.getRawAuthority() != null) {
            // A target such as "//subscriptions/..." (ARM clients join an id to an endpoint ending in '/') parses as
            // an authority: put it back into the path.
            rawPath = "//" + uri.getRawAuthority() + rawPath;
        }
        return new LocalRequest(exchange.getRequestMethod(), rawPath.isEmpty() ? "/" : decodePath(rawPath),
                LocalRequest.decodeForm(uri.getRawQuery()), headers, body);
    }

    private static String decodePath(String raw) {
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The AWS service named in a SigV4 Authorization header's credential scope, such as {@code eks}, or null. */
    public static String awsService(LocalRequest request) {
        String[] scope = awsScope(request);
        return scope == null ? null : scope[3];
    }

    /** The AWS region named in a SigV4 credential scope, or null. */
    public static String awsRegion(LocalRequest request) {
        String[] scope = awsScope(request);
        return scope == null ? null : scope[2];
    }

    /** The access key id of a SigV4 request, or null. */
    public static String awsAccessKeyId(LocalRequest request) {
        String[] scope = awsScope(request);
        return scope == null ? null : scope[0];
    }

    private static String[] awsScope(LocalRequest request) {
        String auth = request.header("authorization");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256")) {
            return null;
        }
        int at = auth.indexOf("Credential=");
        if (at < 0) {
            return null;
        }
        int end = auth.indexOf(',', at);
        String[] parts = auth.substring(at + "Credential=".length(), end < 0 ? auth.length() : end).split("/");
        return parts.length >= 5 ? parts : null;
    }
}
