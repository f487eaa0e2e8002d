package io.trustbaseline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line: a command, {@code --flag value} options and {@code --switch}es, checked against what the command takes. */
record Options(String command, Map<String, String> values, Set<String> switches) {

    static Options parse(String[] args, Map<String, Set<String>> valueFlags, Map<String, Set<String>> switchFlags) {
        List<String> rest = new ArrayList<>(List.of(args));
        rest.remove("--verbose");
        if (rest.isEmpty() || rest.get(0).startsWith("-")) {
            throw new UsageException("no command given: use run, demo or serve (trust-baseline --help)");
        }
        String command = rest.remove(0);
        if (!valueFlags.containsKey(command)) {
            throw new UsageException("unknown command \"" + command + "\": use run, demo or serve");
        }
        Map<String, String> values = new HashMap<>();
        Set<String> switches = new java.util.HashSet<>();
        for (int i = 0; i < rest.size(); i++) {
            String flag = rest.get(i);
            if (switchFlags.get(command).contains(flag)) {
                switches.add(flag);
            } else if (valueFlags.get(command).contains(flag)) {
                if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                    throw new UsageException(flag + " needs a value");
                }
                values.put(flag, rest.get(++i));
            } else {
                throw new UsageException("\"" + flag + "\" is not an option of " + command);
            }
        }
        return new Options(command, values, switches);
    }

    String value(String flag, String fallback) {
        return values.getOrDefault(flag, fallback);
    }

    /** A file the user named that must exist. */
    Path existingFile(String flag, String fallback) {
        String name = value(flag, fallback);
        if (name == null) {
            throw new UsageException(flag + " is required");
        }
        Path path = Path.of(name);
        if (!Files.isRegularFile(path)) {
            throw new UsageException(flag + ": no such file: " + name);
        }
        return path;
    }

    boolean has(String flag) {
        return switches.contains(flag);
    }
}
