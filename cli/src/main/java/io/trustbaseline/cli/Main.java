package io.trustbaseline.cli;

import io.trustbaseline.cli.report.ReportCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code trust-baseline}: runs the real entry points locally (against the embedded local cloud) or against the real
 * clouds. Reports go to stdout, everything else to stderr. Exit 0: compliant, applied, planned or deferred;
 * 2: rejected, or a problem with the command line or its files; 1: failed.
 */
public final class Main {
    /** Set by the ./trust-baseline script to the repository root: the samples and defaults are found there. */
    static final String HOME_VARIABLE = "TRUST_BASELINE_HOME";

    /** A command: what it takes, its usage line and its help. */
    private record Command(Options.Spec spec, String usage, String help) { }

    private static final Map<String, Command> COMMANDS = commands();
    static final String USAGE = "usage:\n" + COMMANDS.values().stream().map(c -> "  " + c.usage())
            .collect(Collectors.joining("\n")) + """

              trust-baseline help COMMAND   (or COMMAND --help): what a command does and takes
              trust-baseline --version
            add --verbose to any command for stack traces""";

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

    private static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("run", new Command(
                new Options.Spec(Set.of("--event", "--world", "--baseline", "--dump-world", "--cloud", "--workers"),
                        Set.of("--dry-run"), List.of()),
                "trust-baseline run --event FILE [--world FILE] [--baseline FILE] [--dry-run] [--dump-world FILE] [--cloud local|real]"
                        + " [--workers C]",
                """
                Hands one payload to the entry point the cloud would call and prints that entry point's output (the
                report JSON) on stdout; notes go to stderr.
                  --event FILE        the payload: an Event Grid or CloudEvents event, an EventBridge or SQS event, a
                                      Storage-queue message ({"input": ...}), a timer or scheduled event, or a request
                                      document (samples in events-samples/)
                  --world FILE        the local cloud's starting state (default events-samples/world.json)
                  --baseline FILE     the baseline (default events-samples/baseline.yaml)
                  --dry-run           plan only: report what would change, change nothing
                  --dump-world FILE   write the local cloud's end state, in the world format, to FILE
                  --cloud local|real  local (default): the embedded local cloud; real: the real clouds, signed in with
                                      each SDK's default credentials (az login; AWS_REGION and an AWS profile or keys)
                  --workers C         a sweep's queue workers in this process (default 8); the output is the sweep's
                                      summary, whose calls count the listing and every worker
                exit 0: compliant, applied, planned or deferred; 2: rejected, or a problem with the command line or
                its files (one line naming it); 1: failed or partial"""));
        commands.put("validate", new Command(
                new Options.Spec(Set.of("--world"), Set.of(), List.of("BASELINE")),
                "trust-baseline validate BASELINE [--world FILE]",
                """
                Loads BASELINE as the functions load it (every rule, setting and guardrail checked), then names, for
                each target of the world, the rules that match it and the settings it gets (the first rule giving an
                item wins).
                  --world FILE        the targets to match (default events-samples/world.json)
                exit 0: the baseline is valid; 2: it is not (one line naming the field and the rule)"""));
        commands.put("demo", new Command(new Options.Spec(Set.of(), Set.of(), List.of()),
                "trust-baseline demo",
                """
                Starts the local cloud seeded with events-samples/world.json and replays the samples through the
                entry points the clouds call; each step says what changed and what was refused, and the demo ends
                with a table of targets x settings.
                exit 0: every step went as expected; 1: one did not (it is named)"""));
        commands.put("serve", new Command(new Options.Spec(Set.of("--world", "--port"), Set.of(), List.of()),
                "trust-baseline serve [--world FILE] [--port N]",
                """
                Keeps the local cloud up until Ctrl-C, for your own experiments: prints its process id, its endpoints
                and the SQS queues trust-requests (with its dead-letter queue) and trust-results.
                  --world FILE        the starting state (default events-samples/world.json)
                  --port N            the port of ARM, EKS, IAM and STS (default %d, the one
                                      functions-azure/local.settings.json.example names; 0: any free port)"""
                        .formatted(ServeCommand.DEFAULT_PORT)));
        // report reads its own arguments (--from takes several values): its spec serves help and suggestions.
        commands.put("report", new Command(new Options.Spec(Set.of("--from", "--out", "--format"), Set.of(), List.of()),
                ReportCommand.USAGE,
                """
                The compliance view of report files (one report per file, JSON lines, or folders of them): HTML to
                compliance.html unless --out says otherwise; CSV and Markdown to stdout unless --out is given.
                  --from REPORTS...   report files or folders
                  --out FILE          where to write
                  --format F          html (default), csv or markdown"""));
        return commands;
    }

    /** What each command takes. */
    static Map<String, Options.Spec> specs() {
        return COMMANDS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().spec()));
    }

    int run(String[] args) {
        List<String> words = Arrays.asList(args);
        boolean verbose = words.contains("--verbose");
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
                (args.length == 0 ? err : out).println(USAGE);
                return args.length == 0 ? 2 : 0;
            }
            if (args[0].equals("--version") || args[0].equals("version")) {
                out.println("trust-baseline " + version());
                return 0;
            }
            if (args[0].equals("help")) {
                return help(args.length > 1 ? args[1] : null);
            }
            if (COMMANDS.containsKey(args[0]) && (words.contains("--help") || words.contains("-h"))) {
                return help(args[0]);
            }
            if (args[0].equals("report")) { // --from takes several values: the command reads its own arguments
                return new ReportCommand(out, err).run(Arrays.stream(args).skip(1).filter(a -> !a.equals("--verbose")).toList());
            }
            Options options = Options.parse(args, specs());
            return switch (options.command()) {
                case "run" -> new RunCommand(out, err, samples).run(options);
                case "validate" -> new ValidateCommand(out, samples).run(options);
                case "demo" -> new Demo(out, err, samples).run();
                case "serve" -> new ServeCommand(out, samples).run(options);
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

    private int help(String command) {
        if (command == null) {
            out.println(USAGE);
            return 0;
        }
        Command c = COMMANDS.get(command);
        if (c == null) {
            throw new UsageException("no command \"" + command + "\"" + Options.suggestion(command, COMMANDS.keySet())
                    .map(s -> ": did you mean " + s + "?").orElse(": use " + String.join(", ", COMMANDS.keySet())));
        }
        out.println("usage: " + c.usage());
        out.println(c.help());
        return 0;
    }

    /** The project version the command was built from. */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/trust-baseline-version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
                .collect(Collectors.joining(" "));
    }
}
