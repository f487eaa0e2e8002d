package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * One JSON line per report (or problem) in the function's log: Lambda's logger when there is a context, else
 * stderr, so a caller that prints the handler's output on stdout gets only that.
 */
final class ReportLog {
    private ReportLog() { }

    static void line(Context context, String json) {
        String line = json.replace('\n', ' ');
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        } else {
            System.err.println(line);
        }
    }
}
