package io.trustbaseline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line: a command, its arguments, {@code --flag value} (or {@code --flag=value}) options and
 * {@code --switch}es, checked against what the command takes.
 */
record Options(String command, List<String> arguments, Map<String, String> values, Set<String> switches) {

    /** What a command takes: its flags with a value, its switches, and how many arguments (in order). */
    record Spec(Set<String> valueFlags, Set<String> switches, List<String> arguments) {
        Set<String> flags() {
            Set<String> all = new TreeSet<>(valueFlags);
            all.addAll(switches);
            return all;
        }
    }

    static Options parse(String[] args, Map<String, Spec> commands) {
        List<String> rest = new ArrayList<>(List.of(args));
        rest.remove("--verbose");
        String known = String.join(", ", new TreeSet<>(commands.keySet()));
        if (rest.isEmpty() || rest.get(0).startsWith("-")) {
            throw new UsageException("no command given: use " + known + " (trust-baseline --help)");
        }
        String command = rest.remove(0);
        Spec spec = commands.get(command);
        if (spec == null) {
            throw new UsageException("unknown command \"" + command + "\"" + suggestion(command, commands.keySet())
                    .map(s -> ": did you mean " + s + "?").orElse(": use " + known));
        }
        List<String> arguments = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        Set<String> switches = new HashSet<>();
        for (int i = 0; i < rest.size(); i++) {
            String word = rest.get(i);
            int equals = word.indexOf('=');
            boolean inline = word.startsWith("--") && equals > 0;
            String flag = inline ? word.substring(0, equals) : word;
            if (!flag.startsWith("-")) {
                if (arguments.size() == spec.arguments().size()) {
                    throw new UsageException("unexpected argument \"" + word + "\" to " + command
                            + " (trust-baseline help " + command + ")");
                }
                arguments.add(word);
            } else if (spec.switches().contains(flag)) {
                if (inline) {
                    throw new UsageException(flag + " takes no value (was \"" + word + "\")");
                }
                switches.add(flag);
            } else if (spec.valueFlags().contains(flag)) {
                String value;
                if (inline) {
                    value = word.substring(equals + 1);
                } else if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                    throw new UsageException(flag + " needs a value");
                } else {
                    value = rest.get(++i);
                }
                if (value.isEmpty()) {
                    throw new UsageException(flag + " needs a value");
                }
                values.put(flag, value);
            } else {
                throw new UsageException("\"" + flag + "\" is not an option of " + command + suggestion(flag, spec.flags())
                        .map(s -> ": did you mean " + s + "?").orElse(" (trust-baseline help " + command + ")"));
            }
        }
        if (arguments.size() < spec.arguments().size()) {
            throw new UsageException(command + " needs " + spec.arguments().get(arguments.size())
                    + " (trust-baseline help " + command + ")");
        }
        return new Options(command, arguments, values, switches);
    }

    /** The closest of {@code choices} to a mistyped word, if one is close enough to be what was meant. */
    static Optional<String> suggestion(String typed, Set<String> choices) {
        String bare = typed.replaceFirst("^-+", "").toLowerCase();
        return choices.stream()
                .filter(c -> {
                    String choice = c.replaceFirst("^-+", "");
                    return distance(bare, choice) <= Math.max(1, choice.length() / 3)
                            || (bare.length() >= 3 && (choice.startsWith(bare) || bare.startsWith(choice)));
                })
                .min(Comparator.comparingInt(c -> distance(bare, c.replaceFirst("^-+", ""))));
    }

    /** Edit distance: insertions, deletions, substitutions and swaps of two neighbours ("--prot" is one from "--port"). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    String value(String flag, String fallback) {
        return values.getOrDefault(flag, fallback);
    }

    /** A file the user named (or the fallback) that must exist, be a file and hold something. */
    Path existingFile(String flag, String fallback) {
        String name = value(flag, fallback);
        if (name == null) {
            throw new UsageException(flag + " is required");
        }
        return checkedFile(flag, Path.of(name));
    }

    /** As {@link #existingFile(String, String)}, for a file named by an argument or a flag ({@code what}). */
    static Path checkedFile(String what, Path path) {
        if (Files.isDirectory(path)) {
            throw new UsageException(what + ": " + path + " is a directory, not a file");
        }
        if (!Files.isRegularFile(path)) {
            throw new UsageException(what + ": no such file: " + path);
        }
        try {
            if (Files.size(path) == 0) {
                throw new UsageException(what + ": " + path + " is empty");
            }
        } catch (IOException e) {
            throw new UsageException(what + ": cannot read " + path + " (" + e.getMessage() + ")", e);
        }
        return path;
    }

    /** A TCP port: 0 (any free one) to 65535. */
    int port(String flag, int fallback) {
        String text = values.get(flag);
        if (text == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below, with the rule
        }
        throw new UsageException(flag + " must be a port number from 0 (any free port) to 65535 (was \"" + text + "\")");
    }

    boolean has(String flag) {
        return switches.contains(flag);
    }
}
