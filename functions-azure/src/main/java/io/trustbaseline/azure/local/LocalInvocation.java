package io.trustbaseline.azure.local;

import com.microsoft.azure.functions.ExecutionContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The {@link ExecutionContext} of one invocation outside the Functions host (the CLI, tests): a fresh invocation
 * id, and a logger that keeps what the function logged instead of printing it.
 */
public final class LocalInvocation implements ExecutionContext {
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();
    private final Logger logger;
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());

    public LocalInvocation(String functionName) {
        this.functionName = functionName;
        this.logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        });
    }

    @Override
    public Logger getLogger() { return logger; }

    @Override
    public String getInvocationId() { return invocationId; }

    @Override
    public String getFunctionName() { return functionName; }

    /** The messages the function logged, in order. */
    public List<String> logged() {
        synchronized (logged) {
            return List.copyOf(logged);
        }
    }
}
