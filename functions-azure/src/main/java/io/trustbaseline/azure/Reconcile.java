package io.trustbaseline.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.request.Trigger;

import java.util.Optional;

/**
 * {@code POST /api/reconcile} (function key) with a request document: 200 and the report; 202 when the target is not
 * ready yet; 400 naming each bad field; 503 with Retry-After when the cloud kept failing transiently; 500 on any
 * other failure.
 */
public final class Reconcile {
    /** How long a caller should wait after a 503: the core already retried for up to 20 s. */
    static final String RETRY_AFTER_SECONDS = "60";
    private final AzureRuntime runtime;

    public Reconcile() {
        this(AzureRuntime.shared());
    }

    public Reconcile(AzureRuntime runtime) {
        this.runtime = runtime;
    }

    @FunctionName("Reconcile")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "reconcile") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        Report report = runtime.handle(request.getBody().orElse(""), Trigger.MANUAL);
        String json = report.toJson();
        context.getLogger().info(json);
        ReportMetricsLog.log(context.getLogger(), report);
        HttpStatus status = statusOf(report);
        HttpResponseMessage.Builder response = request.createResponseBuilder(status)
                .header("Content-Type", "application/json").body(json);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    static HttpStatus statusOf(Report report) {
        if (report.status() == Status.REJECTED) {
            return HttpStatus.BAD_REQUEST;
        }
        if (report.status() == Status.DEFERRED) {
            return HttpStatus.ACCEPTED;
        }
        if (report.status() == Status.FAILED || report.status() == Status.PARTIAL) {
            return report.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return HttpStatus.OK;
    }
}
