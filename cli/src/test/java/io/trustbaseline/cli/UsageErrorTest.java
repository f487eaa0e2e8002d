package io.trustbaseline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Problems a newcomer can act on: exactly one line on stderr, starting {@code trust-baseline:} and naming the
 * problem, nothing on stdout, exit 2, no stack trace; with {@code --verbose}, a stack trace.
 */
class UsageErrorTest {

    @TempDir
    static Path dir;

    private static final String TICKET = "tickets/aks-binding.json";

    /** A case: its name, the arguments (given the temp folder) and a piece of text the one line must hold. */
    record Case(String name, Function<Path, String[]> args, String names) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Path file(Path dir, String name, String text) {
        return Cli.write(dir.resolve(name), text);
    }

    private static Path bytes(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] run(String event, String... more) {
        return Stream.concat(Stream.of("run", "--event", event), Stream.of(more)).toArray(String[]::new);
    }

    static List<Case> cases() {
        String ticket = Cli.sample(TICKET);
        return List.of(
                new Case("a missing event file", d -> run(d.resolve("no-such-event.json").toString()), "no such file"),
                new Case("a missing world file", d -> run(ticket, "--world", d.resolve("no-world.json").toString()), "no-world.json"),
                new Case("a missing baseline file", d -> run(ticket, "--baseline", d.resolve("no-baseline.yaml").toString()),
                        "no-baseline.yaml"),
                new Case("an event that is not JSON", d -> run(file(d, "garbled.json", "{ schemaVersion: ").toString()), "not JSON"),
                new Case("a payload of unknown kind", d -> run(file(d, "hello.json", "{\"hello\": \"world\"}").toString()),
                        "a payload of unknown kind"),
                new Case("a world that does not parse", d -> run(ticket, "--world", file(d, "world.json", "{ \"azure\": ").toString()),
                        "world"),
                new Case("a world that is not an object", d -> run(ticket, "--world", file(d, "array.json", "[]").toString()),
                        "array.json"),
                new Case("a world of the wrong shape", d -> run(ticket, "--world",
                        file(d, "shape.json", "{\"azure\": {\"subscriptions\": {\"s1\": {\"resourceGroups\": 5}}}}").toString()),
                        "azure.subscriptions.s1.resourceGroups must be an object"),
                new Case("a baseline that does not parse", d -> run(ticket, "--baseline",
                        file(d, "broken.yaml", "version: 1\nrules: [ {\n").toString()), "broken.yaml"),
                new Case("a baseline that is not UTF-8", d -> run(ticket, "--baseline",
                        bytes(d, "latin1.yaml", new byte[] {'v', 'e', 'r', (byte) 0xe9, ':', ' ', '1', '\n'}).toString()),
                        "latin1.yaml"),
                new Case("a baseline of another version", d -> run(ticket, "--baseline",
                        file(d, "v2.yaml", "version: 2\nrules: []\n").toString()), "version"),
                new Case("a baseline whose rule attaches a forbidden policy", d -> run(ticket, "--baseline", file(d, "admin.yaml", """
                        version: 1
                        rules:
                          - name: eks
                            match: { cloud: aws, resourceType: eks-cluster }
                            settings:
                              - type: eks-pod-identity
                                namespace: tools
                                serviceAccount: deploy-bot
                                role: { name: "{cluster}-deploy", managedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess] }
                        """).toString()), "guardrail:forbiddenPolicyArns"),
                new Case("a baseline with two rules of one name", d -> run(ticket, "--baseline", file(d, "twice.yaml", """
                        version: 1
                        rules:
                          - { name: storage, match: { cloud: azure }, settings: [ { type: storage-trusted-services } ] }
                          - { name: storage, match: { cloud: azure }, settings: [ { type: storage-trusted-services } ] }
                        """).toString()), "rules[1].name"),
                new Case("an unknown flag", d -> run(ticket, "--force"), "\"--force\" is not an option of run"),
                new Case("a flag without its value", d -> new String[] {"run", "--event"}, "--event needs a value"),
                new Case("a cloud other than local or real", d -> run(ticket, "--cloud", "azure"), "--cloud must be local or real"),
                new Case("a world with the real cloud", d -> run(ticket, "--cloud", "real", "--world", Cli.sample("world.json")),
                        "--world and --dump-world"),
                new Case("an unknown command", d -> new String[] {"deploy"}, "unknown command \"deploy\""),
                new Case("a flag of another command", d -> new String[] {"demo", "--world", Cli.sample("world.json")},
                        "\"--world\" is not an option of demo"),
                new Case("serve with a mistyped flag", d -> new String[] {"serve", "--prot", "8080"},
                        "\"--prot\" is not an option of serve: did you mean --port?"),
                new Case("a mistyped flag", d -> run(ticket, "--dryrun"), "\"--dryrun\" is not an option of run: did you mean --dry-run?"),
                new Case("a mistyped flag with its value inline", d -> new String[] {"run", "--evnt=" + ticket},
                        "\"--evnt\" is not an option of run: did you mean --event?"),
                new Case("a mistyped command", d -> new String[] {"valdate", "baseline.yaml"}, "unknown command \"valdate\": did you mean validate?"),
                new Case("a switch given a value", d -> run(ticket, "--dry-run=yes"), "--dry-run takes no value (was \"--dry-run=yes\")"),
                new Case("an event that is a directory", d -> run(d.toString()), " is a directory, not a file"),
                new Case("an event file that is empty", d -> run(file(d, "empty.json", "").toString()), "empty.json is empty"),
                new Case("a baseline that is a directory", d -> run(ticket, "--baseline=" + d), " is a directory, not a file"),
                new Case("a world file that is empty", d -> run(ticket, "--world", file(d, "empty-world.json", "").toString()),
                        "empty-world.json is empty"),
                new Case("validate without a baseline", d -> new String[] {"validate"}, "validate needs BASELINE"),
                new Case("validate with a directory", d -> new String[] {"validate", d.toString()}, " is a directory, not a file"),
                new Case("validate with an empty baseline", d -> new String[] {"validate", file(d, "empty.yaml", "").toString()},
                        "empty.yaml is empty"),
                new Case("validate with two baselines", d -> new String[] {"validate", Cli.sample("baseline.yaml"), "more.yaml"},
                        "unexpected argument \"more.yaml\" to validate"),
                new Case("validate with an invalid baseline", d -> new String[] {"validate", file(d, "bad-version.yaml",
                        "version: 2\nrules: []\n").toString()}, "bad-version.yaml: "),
                new Case("help for an unknown command", d -> new String[] {"help", "serv"}, "no command \"serv\": did you mean serve?"),
                new Case("serve with a missing world", d -> new String[] {"serve", "--world", d.resolve("nowhere.json").toString()},
                        "nowhere.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theProblemIsNamedOnOneLineWithExitTwoAndNoStackTrace(Case c) {
        Cli.Result result = Cli.run(c.args().apply(dir));

        assertEquals(2, result.exit(), result::toString);
        assertEquals("", result.out(), "nothing on stdout");
        List<String> lines = result.errLines();
        assertEquals(1, lines.size(), () -> "exactly one line on stderr:\n" + result.err());
        assertTrue(lines.get(0).startsWith("trust-baseline: "), lines.get(0));
        assertTrue(lines.get(0).contains(c.names()), () -> "the line names " + c.names() + ": " + lines.get(0));
        assertFalse(lines.get(0).contains("Exception"), () -> "no exception class names: " + lines.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void withVerboseTheSameProblemComesWithAStackTrace(Case c) {
        String[] args = Stream.concat(Stream.of(c.args().apply(dir)), Stream.of("--verbose")).toArray(String[]::new);
        Cli.Result result = Cli.run(args);

        assertEquals(2, result.exit(), result::toString);
        List<String> lines = result.errLines();
        assertTrue(lines.get(0).startsWith("trust-baseline: ") && lines.get(0).contains(c.names()), result::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("\tat ")), () -> "a stack trace with --verbose:\n" + result.err());
    }

    @Test
    void aDumpWorldPathThatCannotBeWrittenIsNamedOnOneLineAfterTheReport() {
        Path nowhere = dir.resolve("no-such-folder").resolve("world.json");
        Cli.Result result = Cli.run("run", "--event", Cli.sample(TICKET), "--dump-world", nowhere.toString());

        assertEquals(2, result.exit(), result::toString);
        assertEquals("applied", result.json().path("status").asText(), "the report is still printed");
        String last = result.errLines().get(result.errLines().size() - 1);
        assertTrue(last.startsWith("trust-baseline: ") && last.contains(nowhere.toString()), result::toString);
        assertFalse(result.err().contains("\tat "), result::toString);
    }
}
