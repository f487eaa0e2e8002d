package io.trustbaseline.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.trustbaseline.aws.AwsRuntime;
import io.trustbaseline.aws.QueueHandler;
import io.trustbaseline.aws.QueueResponse;
import io.trustbaseline.aws.SnapStartPriming;
import io.trustbaseline.azure.AzureRuntime;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.azure.local.LocalDelivery;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.cli.Launcher;
import io.trustbaseline.cli.LocalLambdaContext;
import io.trustbaseline.core.baseline.BaselineSource;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.setting.Catalog;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cold start, in a JVM of its own: {@code ColdStart aws|aws-primed|azure PAYLOAD_FILE}. The platform's
 * no-argument constructor builds the runtime from the environment (as on first invocation of a function instance),
 * then one payload is handled: on AWS an SQS event through {@link QueueHandler}, read as the Lambda runtime reads it;
 * on Azure an Event Grid event to its report through the queue worker. {@code aws-primed} first runs the SnapStart
 * priming ({@link SnapStartPriming#prime()}, what the checkpoint runs), so that what follows stands in for the first
 * event after a restore. Prints {@code cold-start <main> <runtime built> <primed> <first report> <status>}, epoch
 * milliseconds (primed = runtime built when not primed), so that the parent can measure from when it started this
 * process.
 */
public final class ColdStart {
    static final String PREFIX = "cold-start";

    private ColdStart() { }

    public static void main(String[] args) throws IOException {
        long mainEntered = System.currentTimeMillis();
        String payload = Files.readString(Path.of(args[1]));
        long runtimeBuilt;
        long primed;
        String status;
        switch (args[0]) {
            case "aws", "aws-primed" -> {
                QueueHandler handler = new QueueHandler();
                runtimeBuilt = System.currentTimeMillis();
                if (args[0].equals("aws-primed")) {
                    new SnapStartPriming(AwsRuntime.shared()).prime();
                }
                primed = System.currentTimeMillis();
                SQSEvent event = Launcher.sentNow(LambdaEventSerializers.serializerFor(SQSEvent.class,
                        ColdStart.class.getClassLoader()).fromJson(payload));
                QueueResponse response = handler.handleRequest(event, new LocalLambdaContext("QueueHandler", System.err));
                status = Json.MAPPER.readTree(Json.write(response)).path("reports").path(0).path("status").asText();
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
                primed = runtimeBuilt;
                JsonNode report = Json.MAPPER.readTree(new LocalDelivery(runtime, queue).event(payload));
                status = (report.isArray() ? report.path(0) : report).path("status").asText();
            }
            default -> throw new IllegalArgumentException("usage: ColdStart aws|aws-primed|azure PAYLOAD_FILE");
        }
        long reported = System.currentTimeMillis();
        System.out.println(PREFIX + " " + mainEntered + " " + runtimeBuilt + " " + primed + " " + reported + " " + status);
        // The SDKs' HTTP clients keep threads alive; a function instance would just be frozen here.
        System.exit(0);
    }
}
