package io.trustbaseline.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.aws.ManualHandler;
import io.trustbaseline.azure.AzureRuntime;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.azure.local.LocalDelivery;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.cli.LocalLambdaContext;
import io.trustbaseline.core.baseline.BaselineSource;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.setting.Catalog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cold start, in a JVM of its own: {@code ColdStart aws|azure PAYLOAD_FILE}. The platform's no-argument
 * constructor builds the runtime from the environment (as on first invocation of a function instance), then one
 * payload is handled. Prints {@code cold-start <main> <runtime built> <first report> <status>}, the three as epoch
 * milliseconds so that the parent can measure from the moment it started this process.
 */
public final class ColdStart {
    static final String PREFIX = "cold-start";

    private ColdStart() { }

    public static void main(String[] args) throws IOException {
        long mainEntered = System.currentTimeMillis();
        String payload = Files.readString(Path.of(args[1]));
        long runtimeBuilt;
        String output;
        switch (args[0]) {
            case "aws" -> {
                ManualHandler handler = new ManualHandler();
                runtimeBuilt = System.currentTimeMillis();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out,
                        new LocalLambdaContext("ManualHandler", System.err));
                output = out.toString(StandardCharsets.UTF_8);
            }
            case "azure" -> {
                // The Event Grid function only enqueues; the event is measured to its report, through the queue
                // worker, as `trust-baseline run` drives it (the Storage queue held in this process).
                Map<String, String> env = System.getenv();
                LocalQueue queue = new LocalQueue();
                AzureRuntime runtime = AzureRuntime.builder(
                                ArmConnection.local(URI.create(env.get(AzureRuntime.ARM_ENDPOINT))),
                                BaselineSource.load(env, Catalog.standard()))
                        .queues(queue, queue).build();
                runtimeBuilt = System.currentTimeMillis();
                output = new LocalDelivery(runtime, queue).event(payload);
            }
            default -> throw new IllegalArgumentException("usage: ColdStart aws|azure PAYLOAD_FILE");
        }
        long reported = System.currentTimeMillis();
        JsonNode report = Json.MAPPER.readTree(output);
        String status = (report.isArray() ? report.path(0) : report).path("status").asText();
        System.out.println(PREFIX + " " + mainEntered + " " + runtimeBuilt + " " + reported + " " + status);
        // The SDKs' HTTP clients keep threads alive; a function instance would just be frozen here.
        System.exit(0);
    }
}
