package io.trustbaseline.cli.bench;

import io.trustbaseline.aws.AwsConfig;
import io.trustbaseline.cli.LocalSession;
import io.trustbaseline.localcloud.aws.EmbeddedSqs;
import io.trustbaseline.azure.AzureRuntime;
import io.trustbaseline.core.baseline.BaselineSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold starts measured from outside: a new JVM per sample runs {@link ColdStart} (or {@link HelloWorld}, the floor)
 * from the jar this class came from, configured through the environment as the platform configures a function,
 * against the benchmark's local cloud; with JVM options such as an AppCDS archive ({@link #train}).
 */
final class ColdStarts {
    /** An entry point: the {@link ColdStart} argument and the sample it handles (relative to events-samples/). */
    record EntryPoint(String name, String cloud, String sample) { }

    /** One way to start: an entry point (null: hello world) in a JVM with these options. */
    record Run(String name, EntryPoint entryPoint, List<String> jvmOptions) {
        boolean helloWorld() { return entryPoint == null; }
    }

    /**
     * Milliseconds from spawning the process to main, to the runtime built, to the priming done (the runtime built
     * when not primed), to the first report, to its exit; hello world has only the exit.
     */
    record Sample(long mainMs, long runtimeMs, long primedMs, long reportMs, long exitMs, String status) { }

    static final EntryPoint EKS = new EntryPoint("AWS QueueHandler (EKS CreateCluster)", "aws", "aws/sqs-eks-create-cluster.json");
    static final EntryPoint EKS_PRIMED = new EntryPoint("AWS QueueHandler, primed", "aws-primed", "aws/sqs-eks-create-cluster.json");
    static final EntryPoint AKS = new EntryPoint("Azure ResourceWritten (AKS event)", "azure", "azure/eventgrid-aks-created.json");
    /** C1 only: what infra/aws/template.yaml sets in JAVA_TOOL_OPTIONS. */
    static final String C1 = "-XX:TieredStopAtLevel=1";

    private static final long TIMEOUT_SECONDS = 60;

    private final Replay replay;
    private final Path samples;
    private final String account;
    private final String region;

    ColdStarts(Replay replay, Path samples, String account, String region) {
        this.replay = replay;
        this.samples = samples;
        this.account = account;
        this.region = region;
    }

    /**
     * A training run: the entry point handles its sample once in a JVM that writes the classes it loaded to
     * {@code archive} at exit (a dynamic AppCDS archive, -XX:ArchiveClassesAtExit); returns the milliseconds it took.
     */
    long train(EntryPoint entryPoint, Path archive) {
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Sample sample = measure(new Run("training " + entryPoint.name(), entryPoint,
                List.of("-XX:ArchiveClassesAtExit=" + archive)));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException(entryPoint.name() + ": the training run wrote no archive " + archive);
        }
        return sample.exitMs();
    }

    /** One process, on a fresh world. */
    Sample measure(Run run) {
        replay.reset();
        List<String> command = new ArrayList<>(List.of(javaExecutable().toString()));
        command.addAll(run.jvmOptions());
        command.addAll(List.of("-cp", ownJar().toString()));
        if (run.helloWorld()) {
            command.add(HelloWorld.class.getName());
        } else {
            command.addAll(List.of(ColdStart.class.getName(), run.entryPoint().cloud(),
                    samples.resolve(run.entryPoint().sample()).toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        configure(builder.environment());
        Path log = null;
        try {
            log = Files.createTempFile("trust-baseline-cold-start", ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            long spawned = System.currentTimeMillis();
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(run.name() + ": no answer within " + TIMEOUT_SECONDS + " s");
            }
            long exited = System.currentTimeMillis();
            List<String> lines = Files.readAllLines(log);
            String[] fields = lines.stream().filter(l -> l.startsWith(ColdStart.PREFIX + " ")).findFirst()
                    .map(l -> l.split(" ")).orElse(null);
            if (process.exitValue() != 0 || fields == null && !run.helloWorld()) {
                throw new IllegalStateException(run.name() + ": the process exited with " + process.exitValue()
                        + "; the end of its output:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
            if (run.helloWorld()) {
                return new Sample(0, 0, 0, 0, exited - spawned, "hello");
            }
            return new Sample(Long.parseLong(fields[1]) - spawned, Long.parseLong(fields[2]) - spawned,
                    Long.parseLong(fields[3]) - spawned, Long.parseLong(fields[4]) - spawned, exited - spawned, fields[5]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            deleteQuietly(log);
        }
    }

    /**
     * The settings a deployed function reads, pointed at the local cloud: its endpoints, the baseline file, and for
     * AWS static credentials whose key id is the account (how the local cloud tells accounts apart). This shell's own
     * cloud settings are left out, so the child cannot reach a real cloud.
     */
    private void configure(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("AZURE_") || k.startsWith("TRUST_BASELINE_"));
        String endpoint = replay.session().endpoint().toString();
        env.put(BaselineSource.FILE_VARIABLE, samples.resolve("baseline.yaml").toAbsolutePath().toString());
        env.put(AzureRuntime.ARM_ENDPOINT, endpoint);
        env.put(AwsConfig.ENDPOINT, endpoint);
        env.put("AWS_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", account);
        env.put("AWS_SECRET_ACCESS_KEY", "local-cloud");
        EmbeddedSqs sqs = replay.session().sqs();
        env.put(AwsConfig.SQS_ENDPOINT, sqs.endpoint().toString());
        env.put(AwsConfig.REQUESTS_QUEUE_URL, sqs.queueUrl(LocalSession.REQUESTS_QUEUE.name()));
        env.put(AwsConfig.DEAD_LETTER_QUEUE_URL, sqs.queueUrl(LocalSession.REQUESTS_QUEUE.deadLetterQueue()));
        env.put(AwsConfig.RESULTS_QUEUE_URL, sqs.queueUrl(LocalSession.RESULTS_QUEUE));
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The jar (or classes folder) this benchmark runs from: the child runs the same code. */
    private static Path ownJar() {
        try {
            return Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }
}
