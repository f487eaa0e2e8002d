package io.trustbaseline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --cloud real} on a machine that has not signed in: one line naming what is missing and how to provide it,
 * exit 2, no report. Each case runs the command in a new JVM with an empty environment and a home folder with no
 * profiles in it, so no credential of this machine can be found; no case reaches the network (the EC2 instance
 * metadata lookups are switched off, and Azure's chain is limited to the developer sign-ins, which run local tools).
 */
class RealCloudCredentialsTest {

    @TempDir
    Path home;

    @Test
    void awsWithoutARegionNamesTheRegionAndHowToSetIt() throws Exception {
        Cli.Result result = runReal(Cli.sample("tickets/eks-pod-identity.json"), Map.of());

        assertOneLineRefusal(result, RealCredentials.NO_AWS_REGION);
    }

    @Test
    void awsWithARegionButNoCredentialsNamesTheCredentialsAndHowToProvideThem() throws Exception {
        Cli.Result result = runReal(Cli.sample("tickets/eks-pod-identity.json"), Map.of("AWS_REGION", "eu-west-1"));

        assertOneLineRefusal(result, RealCredentials.NO_AWS_CREDENTIALS);
    }

    @Test
    void azureWithoutACredentialSaysToSignIn() throws Exception {
        // The developer credentials only: the chain's managed identity would probe the instance metadata endpoint.
        Cli.Result result = runReal(Cli.sample("tickets/aks-binding.json"), Map.of("AZURE_TOKEN_CREDENTIALS", "dev"));

        assertOneLineRefusal(result, RealCredentials.NO_AZURE_CREDENTIAL);
    }

    private static void assertOneLineRefusal(Cli.Result result, String message) {
        assertEquals(2, result.exit(), result::toString);
        assertEquals("", result.out(), "no report: nothing ran");
        List<String> lines = result.errLines();
        assertTrue(lines.get(0).startsWith("running "), result::toString);
        assertEquals(List.of("trust-baseline: " + message), lines.subList(1, lines.size()), result::toString);
    }

    /** {@code trust-baseline run --cloud real --event EVENT} in a new JVM, with only {@code env} as its environment. */
    private Cli.Result runReal(String event, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Duser.home=" + home,
                "-Daws.configFile=" + home.resolve("no-aws-config"),
                "-Daws.sharedCredentialsFile=" + home.resolve("no-aws-credentials"),
                "-Daws.disableEc2Metadata=true",
                Main.class.getName(), "run", "--cloud", "real", "--event", event));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put(Main.HOME_VARIABLE, Cli.ROOT.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command ended");
        return new Cli.Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
