package io.trustbaseline.localcloud.azure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Azure Storage queues and blobs for local runs: Azurite's queue or blob service (npm {@code azurite}, pinned in
 * {@code local-cloud/azurite/package-lock.json}) started with node on a free loopback port, its data in a temporary
 * folder that {@link #close()} removes. When the package is not installed yet, {@code npm ci} installs it first, so a
 * machine with only a JDK, node and npm runs the tests.
 */
public final class Azurite implements AutoCloseable {
    /** Azurite's documented development account; its key is published with the emulator and opens nothing else. */
    public static final String ACCOUNT = "devstoreaccount1";
    private static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final String READY = "successfully listens on";
    private static final long START_SECONDS = 120;

    private final Process process;
    private final Path data;
    private final URI endpoint;
    /** {@code queue} or {@code blob}: the service this process runs. */
    private final String service;

    private Azurite(Process process, Path data, URI endpoint, String service) {
        this.process = process;
        this.data = data;
        this.endpoint = endpoint;
        this.service = service;
    }

    /** Starts the queue service from the repository that contains the working directory. */
    public static Azurite startQueues() {
        return start("queue", List.of(), "http");
    }

    /**
     * Starts the queue service over HTTPS with the certificate and key of the PKCS #12 file {@code pfx}, accepting
     * OAuth bearer tokens as well as the account key ({@code --oauth basic}: Azurite checks a token's issuer, audience
     * and lifetime, not its signature, and takes a bearer token only over HTTPS, as Azure Storage does).
     */
    public static Azurite startQueuesWithOAuth(Path pfx, String password) {
        return start("queue", List.of("--cert", pfx.toString(), "--pwd", password, "--oauth", "basic"), "https");
    }

    /** Starts the blob service from the repository that contains the working directory. */
    public static Azurite startBlobs() {
        return start("blob", List.of(), "http");
    }

    private static Azurite start(String service, List<String> options, String scheme) {
        Path home = packageHome();
        Path main = home.resolve("node_modules/azurite/dist/src/" + service + "/main.js");
        install(home, main);
        int port = freePort();
        Path data;
        try {
            data = Files.createTempDirectory("azurite-" + service);
        } catch (IOException e) {
            throw new UncheckedIOException("Azurite: no temporary folder", e);
        }
        List<String> command = new ArrayList<>(List.of("node", main.toString(), "--" + service + "Host", "127.0.0.1",
                "--" + service + "Port", String.valueOf(port), "--location", data.toString(), "--disableProductStyleUrl"));
        command.addAll(options);
        Process process = run(command, home);
        Azurite azurite = new Azurite(process, data, URI.create(scheme + "://127.0.0.1:" + port + "/" + ACCOUNT), service);
        try {
            azurite.awaitReady();
            return azurite;
        } catch (RuntimeException e) {
            azurite.close();
            throw e;
        }
    }

    /** The service's endpoint, account included: {@code http://127.0.0.1:<port>/devstoreaccount1}. */
    public URI endpoint() { return endpoint; }

    /** A connection string for the Storage SDKs and the Functions host's {@code AzureWebJobsStorage}. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=" + endpoint.getScheme() + ";AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY
                + ";" + (service.equals("blob") ? "BlobEndpoint=" : "QueueEndpoint=") + endpoint + ";";
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }

    /** Reads Azurite's output until it listens; then keeps draining it so the process never blocks on a full pipe. */
    private void awaitReady() {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (!ready.isDone()) {
                        seen.append(line).append('\n');
                        if (line.contains(READY)) {
                            ready.complete(null);
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("Azurite ended before it listened:\n" + seen));
        }, "azurite-output");
        drain.setDaemon(true);
        drain.start();
        try {
            ready.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            throw new IllegalStateException("Azurite did not listen within " + START_SECONDS + " s:\n" + seen, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Azurite started", e);
        }
    }

    /** {@code npm ci} from the lock file, once per machine, when the package is missing. */
    private static synchronized void install(Path home, Path main) {
        if (Files.exists(main)) {
            return;
        }
        Process npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), home);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(npm.getInputStream(), StandardCharsets.UTF_8))) {
            String log = String.join("\n", out.lines().toList());
            if (npm.waitFor() != 0 || !Files.exists(main)) {
                throw new IllegalStateException("npm ci in " + home + " failed (node and npm with a reachable registry"
                        + " are needed):\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("npm ci in " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while npm ci ran", e);
        }
    }

    private static Process run(List<String> command, Path directory) {
        try {
            return new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (is it on the PATH?)", e);
        }
    }

    /** {@code local-cloud/azurite} of the repository the working directory is in (a module folder or the root). */
    private static Path packageHome() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path home = dir.resolve("local-cloud/azurite");
            if (Files.exists(home.resolve("package-lock.json"))) {
                return home;
            }
        }
        throw new IllegalStateException("local-cloud/azurite/package-lock.json not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Azurite: no free loopback port", e);
        }
    }
}
