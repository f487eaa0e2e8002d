package io.trustbaseline.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code serve} runs until Ctrl-C (a shutdown hook), so it is not started here: only that Main refuses what serve
 * does not take, before anything is started (nothing on stdout, where the endpoints would be).
 * A missing world and an unknown flag are also among {@link UsageErrorTest}'s cases.
 */
class ServeOptionsTest {

    @ParameterizedTest(name = "serve {0}")
    @CsvSource(delimiter = '|', value = {
            "--dry-run|\"--dry-run\" is not an option of serve (trust-baseline help serve)",
            "--event|\"--event\" is not an option of serve (trust-baseline help serve)",
            "--world|--world needs a value",
            "--world --verbose|--world needs a value",
            "--port|--port needs a value",
            "--port=|--port needs a value",
            "--port 70000|--port must be a port number from 0 (any free port) to 65535 (was \"70000\")",
            "--port four|--port must be a port number from 0 (any free port) to 65535 (was \"four\")",
            "--prot 0|\"--prot\" is not an option of serve: did you mean --port?"})
    void serveRefusesWhatItDoesNotTakeBeforeStartingAnything(String flags, String message) {
        String[] args = ("serve " + flags).split(" ");
        Cli.Result result = Cli.run(args);

        assertEquals(2, result.exit(), result::toString);
        assertEquals("", result.out(), "no endpoints printed: nothing was started");
        assertEquals("trust-baseline: " + message, result.errLines().get(0), result::toString);
    }
}
