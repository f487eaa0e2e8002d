package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol (a WebSocket on loopback): navigate, evaluate
 * script in the page, capture a screenshot, and see the network requests the page makes.
 */
final class Chromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String INSTALL_HINT = "install it with: sudo apt-get update && sudo apt-get install -y chromium"
            + " (Debian/Ubuntu), or set CHROMIUM to the browser's path";

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The browser binary: {@code $CHROMIUM}, or chromium / chromium-browser / google-chrome on the PATH. */
    static Optional<Path> binary() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    static Chromium launch(Path binary) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1400,1000",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "about:blank")
                .redirectErrorStream(true).start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    } else if (!endpoint.isDone()) {
                        seen.append(line).append('\n');
                    }
                }
                endpoint.completeExceptionally(new IOException("chromium exited before listening:\n" + seen));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        }, "chromium-output");
        drain.setDaemon(true);
        drain.start();
        try {
            URI browser = URI.create(endpoint.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            return new Chromium(process, profile, pageSocket(browser));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("could not start " + binary + ": " + e.getMessage(), e);
        }
    }

    /** The WebSocket of the browser's first page, from the DevTools HTTP endpoint's target list. */
    private static URI pageSocket(URI browser) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
        JsonNode targets = Cli.JSON.readTree(http.send(HttpRequest.newBuilder(list).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode target : targets) {
            if (target.path("type").asText().equals("page")) {
                return URI.create(target.path("webSocketDebuggerUrl").asText());
            }
        }
        throw new IOException("no page among the browser's targets: " + targets);
    }

    private Chromium(Process process, Path profile, URI page) {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(page, new Listener()).join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    JsonNode json = Cli.JSON.readTree(message.toString());
                    if (json.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(json.path("id").asInt());
                        if (reply != null) {
                            reply.complete(json);
                        }
                    } else {
                        events.add(json);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    message.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Sends one DevTools command and returns its result, failing on the protocol's error. */
    JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode command = Cli.JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params == null ? Cli.JSON.createObjectNode() : params);
        socket.sendText(command.toString(), true).join();
        JsonNode json = reply.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        if (json.has("error")) {
            throw new IllegalStateException(method + " failed: " + json.path("error"));
        }
        return json.path("result");
    }

    /** The value of a script expression in the page (promises awaited), as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", Cli.JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Opens {@code url} and waits until the page says it is drawn ({@code body[data-ready]}). */
    void open(String url) throws InterruptedException {
        send("Page.navigate", Cli.JSON.createObjectNode().put("url", url));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!evaluate("document.readyState === 'complete' && document.body.dataset.ready === 'true'").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " did not finish drawing in " + TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** The URLs of every request the page made since the network domain was enabled. */
    List<String> requestedUrls() {
        synchronized (events) {
            return events.stream().filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
                    .map(e -> e.path("params").path("request").path("url").asText()).toList();
        }
    }

    Path screenshot(Path file) throws IOException {
        JsonNode shot = send("Page.captureScreenshot", Cli.JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /**
     * Stops the browser and every process it started, then removes the profile. The renderer and network processes
     * keep writing to the profile until they exit, so they are collected before the parent goes, and waited for.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        socket.abort();
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        for (ProcessHandle member : family) {
            if (!exited(member)) {
                member.destroyForcibly();
                exited(member);
            }
        }
        deleteTree(profile);
    }

    private static boolean exited(ProcessHandle member) throws InterruptedException {
        try {
            member.onExit().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Deletes what is there; a file that vanished meanwhile is already where it should be. */
    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                    throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
