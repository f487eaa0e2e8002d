package io.trustbaseline.aws;

import io.trustbaseline.core.report.CallMeter;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every HTTP request an SDK client sends on the calling thread's {@link CallMeter}, so that a report counts
 * what the cloud served: the STS call a credentials refresh makes inside an EKS call included, and nothing for a call
 * that was answered without a request. A request is a read when its operation only reads (Get, List, Describe,
 * Head), as the services' own models and CloudTrail's read-only events classify them; everything else is a write.
 */
final class RequestMeter implements ExecutionInterceptor {
    static final RequestMeter INSTANCE = new RequestMeter();

    private RequestMeter() {
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        CallMeter.current().record(!readOnly(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
    }

    static boolean readOnly(String operation) {
        return operation != null && (operation.startsWith("Get") || operation.startsWith("List")
                || operation.startsWith("Describe") || operation.startsWith("Head"));
    }
}
