package io.trustbaseline.cli.report;

import io.trustbaseline.cli.UsageException;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code trust-baseline report --from REPORTS… [--out FILE] [--format html|csv|markdown]}: the compliance view of
 * report files. HTML goes to {@code compliance.html} unless {@code --out} says otherwise; CSV and Markdown go to
 * stdout unless {@code --out} is given.
 */
public final class ReportCommand {
    public static final String USAGE = "trust-baseline report --from REPORTS... [--out FILE] [--format html|csv|markdown]";

    private final PrintStream out;
    private final PrintStream err;

    public ReportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
        List<Path> from = new ArrayList<>();
        String outFile = null;
        String format = "html";
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--from" -> {
                    while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        from.add(Path.of(args.get(++i)));
                    }
                }
                case "--out" -> outFile = value(args, ++i, flag);
                case "--format" -> format = value(args, ++i, flag).toLowerCase(Locale.ROOT);
                default -> throw new UsageException("\"" + flag + "\" is not an option of report: " + USAGE);
            }
        }
        if (from.isEmpty()) {
            throw new UsageException("--from needs at least one report file or directory: " + USAGE);
        }
        Compliance compliance;
        try {
            compliance = Compliance.of(ReportFiles.read(from));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        String text = switch (format) {
            case "html" -> HtmlPage.render(compliance, Instant.now());
            case "csv" -> TextFormats.csv(compliance);
            case "markdown", "md" -> TextFormats.markdown(compliance);
            default -> throw new UsageException("--format must be html, csv or markdown (was \"" + format + "\")");
        };
        if (outFile == null && !format.equals("html")) {
            out.print(text);
            return 0;
        }
        Path target = write(Path.of(outFile == null ? "compliance.html" : outFile), text);
        err.println("compliance report: " + compliance.runs().size() + " reports, " + compliance.targets().size()
                + " targets, written to " + target);
        return 0;
    }

    /** The HTML page of reports made in this process (the demo's), written to {@code file}; its absolute path. */
    public static Path writeHtml(List<Report> reports, Path file) {
        List<ReportFiles.Found> found = reports.stream()
                .map(r -> new ReportFiles.Found("this run", null, Json.tree(r))).toList();
        return write(file, HtmlPage.render(Compliance.of(found), Instant.now()));
    }

    /** Writes the text (making its folder) and returns the file's absolute path. */
    private static Path write(Path file, String text) {
        try {
            Path absolute = file.toAbsolutePath().normalize();
            Files.createDirectories(absolute.getParent());
            Files.writeString(absolute, text);
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(i);
    }
}
