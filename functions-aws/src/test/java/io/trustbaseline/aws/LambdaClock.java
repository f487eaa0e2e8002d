package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda context with a fixed amount of the invocation left: what the queue handler plans its batch by. */
final class LambdaClock implements Context {
    private final long remainingMillis;

    LambdaClock(long remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    @Override public int getRemainingTimeInMillis() { return (int) remainingMillis; }
    @Override public String getAwsRequestId() { return "test-request"; }
    @Override public String getLogGroupName() { return "test"; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return "QueueFunction"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:111122223333:function:QueueFunction"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.err.print(message); }
            @Override public void log(byte[] message) { System.err.write(message, 0, message.length); }
        };
    }
}
