package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.request.Trigger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Direct invocation (the console's Test button): a request document in, its report out. The stream is read as is,
 * so the core sees exactly the JSON that was sent and can name any field it refuses.
 */
public final class ManualHandler implements RequestStreamHandler {
    private final AwsRuntime runtime;

    public ManualHandler() {
        this(AwsRuntime.shared());
    }

    public ManualHandler(AwsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String request = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Report report = runtime.trustBaseline().handle(request, Trigger.MANUAL, runtime.config().forceDryRun());
        ReportLog.report(context, report);
        output.write(report.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
