package io.trustbaseline.cli;

import io.trustbaseline.cli.report.ReportCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code trust-baseline}: runs the real entry points locally (against the embedded local cloud) or against the real
 * clouds. Reports go to stdout, everything else to stderr. Exit 0: compliant, applied, planned or deferred;
 * 2: rejected, or a problem with the command line or its files; 1: failed.
 */
public final class Main {
    /** Set by the ./trust-baseline script to the repository root: the samples and defaults are found there. */
    static final String HOME_VARIABLE = "TRUST_BASELINE_HOME";
    static final String USAGE = """
            usage:
              trust-baseline run --event FILE [--world FILE] [--baseline FILE] [--dry-run] [--dump-world FILE] [--cloud local|real]
                                 [--workers C]   (a sweep's queue workers in this process; default 8)
              trust-baseline demo
              trust-baseline serve [--world FILE]
              trust-baseline report --from REPORTS... [--out FILE] [--format html|csv|markdown]
            add --verbose to any command for stack traces""";

    private static final Map<String, Set<String>> VALUE_FLAGS = Map.of(
            "run", Set.of("--event", "--world", "--baseline", "--dump-world", "--cloud", "--workers"),
            "demo", Set.of(),
            "serve", Set.of("--world"));
    private static final Map<String, Set<String>> SWITCHES = Map.of(
            "run", Set.of("--dry-run"),
            "demo", Set.of(),
            "serve", Set.of());

    private final PrintStream out;
    private final PrintStream err;
    private final Path samples;

    Main(PrintStream out, PrintStream err, Path home) {
        this.out = out;
        this.err = err;
        this.samples = home.resolve("events-samples");
    }

    public static void main(String[] args) {
        String home = System.getenv(HOME_VARIABLE);
        System.exit(new Main(System.out, System.err, Path.of(home == null || home.isBlank() ? "." : home)).run(args));
    }

    int run(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            if (args[0].equals("report")) { // --from takes several values: the command reads its own arguments
                return new ReportCommand(out, err).run(Arrays.stream(args).skip(1).filter(a -> !a.equals("--verbose")).toList());
            }
            Options options = Options.parse(args, VALUE_FLAGS, SWITCHES);
            return switch (options.command()) {
                case "run" -> new RunCommand(out, err, samples).run(options);
                case "demo" -> new Demo(out, err, samples).run();
                case "serve" -> serve(options);
                default -> throw new UsageException("unknown command " + options.command());
            };
        } catch (UsageException e) {
            err.println("trust-baseline: " + oneLine(e.getMessage()));
            if (verbose) {
                (e.getCause() != null ? e.getCause() : e).printStackTrace(err);
            }
            return 2;
        } catch (RuntimeException e) {
            err.println("trust-baseline: failed: " + oneLine(e.toString()));
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /**
     * A message on one line: parsers' messages (SnakeYAML's among them) can span several lines with an excerpt of
     * the input and a caret under the spot; the line and column are already in the message.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("^"))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    private int serve(Options options) {
        LocalSession session = LocalSession.start(options.existingFile("--world", samples.resolve("world.json").toString()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            session.close();
            stopped.countDown();
        }));
        out.println("local cloud on loopback (Ctrl-C stops it)");
        out.println("  ARM (Azure Resource Manager): " + session.endpoint());
        out.println("  EKS, IAM, STS (SigV4, any region): " + session.endpoint());
        out.println("  SQS (ElasticMQ): " + session.sqs().endpoint() + "  queue " + session.sqs().queueUrl(LocalSession.RESULTS_QUEUE));
        out.println("  AWS credentials: access key id = the account id of the world, any secret");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
